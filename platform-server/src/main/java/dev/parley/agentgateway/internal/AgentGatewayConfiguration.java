package dev.parley.agentgateway.internal;

import java.time.Clock;
import java.time.Duration;

import dev.parley.agent.Presence;
import dev.parley.agentgateway.AgentGatewayProperties;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.Conversations;
import dev.parley.security.AgentAuthentication;
import dev.parley.security.AgentSessions;
import dev.parley.shared.ParleyProperties;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.rsocket.core.RSocketServer;
import io.rsocket.frame.decoder.PayloadDecoder;
import io.rsocket.transport.netty.server.WebsocketRouteTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.rsocket.messaging.RSocketStrategiesCustomizer;
import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import org.springframework.security.config.annotation.rsocket.EnableRSocketSecurity;
import org.springframework.security.config.annotation.rsocket.RSocketSecurity;
import org.springframework.security.rsocket.core.PayloadSocketAcceptorInterceptor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RSocket endpoint's security: the bearer token in the set-up frame's authentication metadata
 * is checked by the same {@link AgentAuthentication} as HTTP requests, and nothing runs unauthenticated.
 */
@Configuration(proxyBeanMethods = false)
@EnableRSocketSecurity
class AgentGatewayConfiguration {

    @Bean
    PayloadSocketAcceptorInterceptor agentSocketSecurity(RSocketSecurity rsocket, AgentAuthentication authentication) {
        return rsocket
                .authorizePayload(authorize -> authorize
                        .setup().authenticated()
                        .anyRequest().authenticated()
                        .anyExchange().authenticated())
                .jwt(jwt -> jwt.authenticationManager(authentication.authenticationManager()))
                .build();
    }

    /**
     * The console's RSocket endpoint, a WebSocket at {@code /rsocket} on the main port, so one port
     * and one proxy rule serve everything. Built here rather than by {@code spring.rsocket.server.*}
     * because Boot's route cannot take a frame limit, and RSocket refuses a payload limit below the
     * frame limit: here both are {@code max-payload-bytes}, so an oversized request is refused by the
     * transport before anything buffers it. Every {@link RSocketServerCustomizer} applies, the
     * security interceptor among them. The upgrade is refused with 403 unless the page is the
     * console's own ({@link ConsoleOrigins}). {@code conversations.send} is answered by
     * {@link SendResponder}, inside the security interceptor, and everything else by Spring's handler.
     */
    @Bean
    NettyRouteProvider agentRSocketRoute(RSocketMessageHandler handler, ObjectProvider<RSocketServerCustomizer> customizers,
            AgentGatewayProperties limits, ParleyProperties parley, ConversationRoutes conversations, JsonMapper json) {
        return routes -> {
            RSocketServer server = RSocketServer.create(new SendResponder(handler.responder(), conversations, json));
            if (handler.getRSocketStrategies().dataBufferFactory() instanceof NettyDataBufferFactory) {
                server.payloadDecoder(PayloadDecoder.ZERO_COPY);
            }
            customizers.orderedStream().forEach(customizer -> customizer.customize(server));
            server.maxInboundPayloadSize(limits.maxPayloadBytes());
            var socket = WebsocketRouteTransport.newHandler(server.asConnectionAcceptor(limits.maxPayloadBytes()));
            var spec = WebsocketServerSpec.builder().maxFramePayloadLength(limits.maxPayloadBytes()).build();
            ConsoleOrigins origins = new ConsoleOrigins(parley.publicUrl());
            return routes.route(request -> PATH.equals(request.fullPath())
                            && request.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true),
                    (request, response) -> origins.allowed(request.requestHeaders().get(HttpHeaderNames.ORIGIN),
                            request.requestHeaders().get(HttpHeaderNames.HOST))
                            ? response.sendWebsocket(socket, spec)
                            : response.status(HttpResponseStatus.FORBIDDEN)
                                    .header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                                    .sendString(Mono.just(ORIGIN_REFUSED)));
        };
    }

    private static final String ORIGIN_REFUSED = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
            + "\"detail\":\"Only the console's own pages may open this socket\",\"code\":\"origin_not_allowed\"}";

    static final String PATH = "/rsocket";

    /** Replies encoded without the garbage Spring's Jackson encoder leaves; see {@link JsonReplyEncoder}. */
    @Bean
    RSocketStrategiesCustomizer jsonReplies(JsonMapper json) {
        return strategies -> strategies.encoders(encoders -> JsonReplyEncoder.insertInto(encoders, json));
    }

    @Bean
    ConversationAccess conversationAccess(Conversations conversations) {
        return new ConversationAccess(conversations);
    }

    @Bean
    InboxFeeds inboxFeeds(ClusterBus bus, Conversations conversations, ConversationAccess access, AgentGatewayProperties limits) {
        return new InboxFeeds(bus, new Audiences(conversations, access)::of, limits.inboxBuffer(), limits.accountFeedBuffer());
    }

    @Bean
    InboxStream inboxStream(InboxFeeds feeds, Conversations conversations, ConversationAccess access, JsonMapper json) {
        return new InboxStream(feeds, conversations, access, new EncodedViews(json));
    }

    /** Three quarters of Spring's shutdown phase timeout, like the visitor sockets' drain. */
    @Bean
    AgentDrain agentDrain(AgentConnections connections, Presence presence,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration phaseTimeout) {
        return new AgentDrain(connections, presence, phaseTimeout.multipliedBy(3).dividedBy(4), Schedulers.parallel());
    }

    @Bean
    AgentConnections agentConnections(AgentSessions sessions, Presence presence, AgentGatewayProperties limits, Clock clock) {
        return new AgentConnections(sessions, presence, limits, clock, Schedulers.parallel());
    }
}
