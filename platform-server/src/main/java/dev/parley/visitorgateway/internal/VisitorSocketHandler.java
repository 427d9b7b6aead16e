package dev.parley.visitorgateway.internal;

import java.util.Map;

import dev.parley.site.Site;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /ws/visitor}: one {@link VisitorConnection} per socket, admitted by
 * {@link VisitorHandshakeFilter}. What the filter learned (the site, the address, the connection
 * permit) travels from the handshake's exchange to the socket through {@link #service}.
 */
final class VisitorSocketHandler implements WebSocketHandler {

    private final GatewayContext context;
    private final VisitorDrain drain;

    VisitorSocketHandler(GatewayContext context, VisitorDrain drain) {
        this.context = context;
        this.drain = drain;
    }

    /** Without the handshake's attributes there is no checked origin: refuse. */
    @Override
    public Mono<Void> handle(WebSocketSession session) {
        return session.close(CloseStatus.POLICY_VIOLATION);
    }

    Mono<Void> handle(WebSocketSession session, Map<String, Object> handshake) {
        Site site = (Site) handshake.get(VisitorHandshakeFilter.SITE);
        ConnectionLimiter.Permit permit = (ConnectionLimiter.Permit) handshake.get(VisitorHandshakeFilter.PERMIT);
        String address = (String) handshake.get(VisitorHandshakeFilter.ADDRESS);
        if (site == null || permit == null) {
            return handle(session);
        }
        permit.handOver();
        VisitorConnection connection = new VisitorConnection(session, site, address, context);
        return connection.run()
                .doOnSubscribe(subscription -> drain.opened(connection))
                .doFinally(signal -> {
                    drain.closed(connection);
                    permit.release();
                });
    }

    /** Binds each visitor socket to the attributes of the exchange that opened it. */
    static WebSocketService service(WebSocketService delegate) {
        return (ServerWebExchange exchange, WebSocketHandler handler) -> delegate.handleRequest(exchange,
                handler instanceof VisitorSocketHandler visitors
                        ? session -> visitors.handle(session, exchange.getAttributes())
                        : handler);
    }
}
