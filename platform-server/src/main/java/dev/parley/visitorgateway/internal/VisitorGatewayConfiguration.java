package dev.parley.visitorgateway.internal;

import java.time.Duration;
import java.util.Map;

import dev.parley.conversation.Conversations;
import dev.parley.routing.Queues;
import dev.parley.site.Sites;
import dev.parley.transcript.Transcripts;
import dev.parley.visitor.Bans;
import dev.parley.visitor.Visitors;
import dev.parley.visitorgateway.VisitorGatewayProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.WebsocketServerSpec;

@Configuration(proxyBeanMethods = false)
class VisitorGatewayConfiguration implements WebFluxConfigurer {

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

    @Bean
    VisitorHandshakeFilter visitorHandshakeFilter(Sites sites, ConnectionLimiter visitorConnectionLimiter, VisitorDrain visitorDrain) {
        return new VisitorHandshakeFilter(sites, visitorConnectionLimiter, visitorDrain);
    }

    /**
     * A socket's upgrade request lasts as long as the socket: an observation of it would time the
     * visit, not a request, skew {@code http.server.requests}, and keep its contexts alive for hours
     * (about 1 KB per idle visitor). Handshake refusals are still counted by their own metrics.
     */
    @Bean
    ObservationPredicate visitorSocketsUnobserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && VisitorHandshakeFilter.PATH.equals(request.getCarrier().getPath().value()));
    }

    @Bean
    OpenChannels openChannels() {
        return new OpenChannels();
    }

    @Bean
    HandlerMapping visitorSocketMapping(Visitors visitors, Bans bans, Conversations conversations, Queues queues,
            Transcripts transcripts, OpenChannels openChannels, VisitorDrain visitorDrain) {
        GatewayContext context = new GatewayContext(visitors, bans, conversations, queues, transcripts,
                new FrameCodec(limits.maxFrameBytes()), limits, Schedulers.parallel(), openChannels);
        return new SimpleUrlHandlerMapping(Map.of(VisitorHandshakeFilter.PATH, new VisitorSocketHandler(context, visitorDrain)), -1);
    }

    /**
     * Netty enforces the frame limit while decoding, before anything is buffered, and closes an
     * oversized frame's socket with 1009.
     */
    @Override
    public WebSocketService getWebSocketService() {
        ReactorNettyRequestUpgradeStrategy strategy = new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(limits.maxFrameBytes()));
        return VisitorSocketHandler.service(new HandshakeWebSocketService(strategy));
    }
}
