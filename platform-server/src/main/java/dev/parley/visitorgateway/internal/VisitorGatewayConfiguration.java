package dev.parley.visitorgateway.internal;

import java.time.Duration;

import dev.parley.conversation.Conversations;
import dev.parley.routing.Queues;
import dev.parley.site.Sites;
import dev.parley.transcript.Transcripts;
import dev.parley.visitor.Visitors;
import dev.parley.visitorgateway.VisitorGatewayProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import reactor.core.scheduler.Schedulers;

@Configuration(proxyBeanMethods = false)
class VisitorGatewayConfiguration {

    private final VisitorGatewayProperties limits;

    VisitorGatewayConfiguration(VisitorGatewayProperties limits) {
        this.limits = limits;
    }

    @Bean
    ConnectionLimiter visitorConnectionLimiter(MeterRegistry meters) {
        ConnectionLimiter limiter = new ConnectionLimiter(limits.maxConnectionsPerIp());
        Gauge.builder("parley.visitor.connections", limiter, ConnectionLimiter::total)
                .description("Open visitor sockets on this node")
                .register(meters);
        return limiter;
    }

    /**
     * Three quarters of Spring's shutdown phase timeout: the sockets are closed well before the
     * phase would be cut short, and the web server's own graceful phase still has its full time.
     */
    @Bean
    VisitorDrain visitorDrain(@Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration phaseTimeout) {
        return new VisitorDrain(phaseTimeout.multipliedBy(3).dividedBy(4), Schedulers.parallel());
    }

    /**
     * The widget's socket, a route of the main port's Reactor Netty server beside WebFlux: no HTTP
     * server observation, security filter chain or exchange is made for it, so none lasts as long
     * as the socket. WebFlux reads forwarded headers only when Boot made its transformer
     * ({@code server.forward-headers-strategy=framework}); the route then reads them alike.
     */
    @Bean
    VisitorRoute visitorRoute(Sites sites, ConnectionLimiter visitorConnectionLimiter, VisitorDrain visitorDrain, Visitors visitors,
            Conversations conversations, Queues queues, Transcripts transcripts, ObjectProvider<ForwardedHeaderTransformer> forwarded,
            MeterRegistry meters) {
        GatewayContext context = new GatewayContext(visitors, conversations, queues, transcripts, new FrameCodec(limits.maxFrameBytes()), limits,
                Schedulers.parallel());
        ForwardedHeaderTransformer transformer = forwarded.getIfAvailable();
        return new VisitorRoute(sites, visitorConnectionLimiter, visitorDrain, context, transformer != null && !transformer.isRemoveOnly(),
                meters);
    }
}
