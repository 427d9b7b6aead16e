package dev.parley.visitorgateway.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.parley.shared.ClientAddress;
import dev.parley.site.Site;
import dev.parley.site.Sites;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Guards the widget socket before the upgrade: the site key must exist and the page's
 * {@code Origin} must be one of the site's allowed origins (403 otherwise, which stops cross-site
 * WebSocket hijacking), and the client address must hold fewer sockets than the limit (429). A node
 * that is shutting down refuses every handshake with 503.
 */
final class VisitorHandshakeFilter implements WebFilter, Ordered {

    static final String PATH = "/ws/visitor";
    static final String SITE = "parley.visitor.site";
    static final String PERMIT = "parley.visitor.permit";
    static final String ADDRESS = "parley.visitor.address";

    private final Sites sites;
    private final ConnectionLimiter limiter;
    private final VisitorDrain drain;

    VisitorHandshakeFilter(Sites sites, ConnectionLimiter limiter, VisitorDrain drain) {
        this.sites = sites;
        this.limiter = limiter;
        this.drain = drain;
    }

    @Override
    public int getOrder() {
        // Before Spring Security's chain: a refused handshake costs nothing more.
        return -200;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!PATH.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        if (drain.draining()) {
            // Another node takes it: a load balancer retries the next upstream, the widget reconnects.
            return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, "shutting_down", "This server is shutting down; connect again");
        }
        String origin = exchange.getRequest().getHeaders().getOrigin();
        String siteKey = exchange.getRequest().getQueryParams().getFirst("site");
        // An unknown site and a foreign origin are refused alike, so keys cannot be probed.
        return sites.findByKey(siteKey)
                .filter(site -> site.allows(origin))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                // The site lookup finished on a database thread. The upgrade must happen on the
                // connection's own event loop: Netty inserts the frame aggregator when the socket
                // starts reading, and from another thread it races the client's first frame.
                .publishOn(eventLoopOf(exchange))
                .flatMap(site -> site.isPresent() ? admit(exchange, chain, site.get())
                        : refuse(exchange, HttpStatus.FORBIDDEN, "origin_not_allowed", "This page's origin may not open the chat for that site"));
    }

    private Mono<Void> admit(ServerWebExchange exchange, WebFilterChain chain, Site site) {
        String address = ClientAddress.of(exchange);
        ConnectionLimiter.Permit permit = limiter.tryAcquire(address);
        if (permit == null) {
            return refuse(exchange, HttpStatus.TOO_MANY_REQUESTS, "too_many_connections", "Too many open chat connections from your address");
        }
        exchange.getAttributes().put(SITE, site);
        exchange.getAttributes().put(PERMIT, permit);
        exchange.getAttributes().put(ADDRESS, address);
        // A socket that opened releases its permit when it ends; this covers a request that never upgraded.
        return chain.filter(exchange).doFinally(signal -> permit.releaseUnlessHandedOver());
    }

    private static Scheduler eventLoopOf(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return request instanceof Connection connection ? Schedulers.fromExecutor(connection.channel().eventLoop())
                : Schedulers.immediate();
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        String body = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
                + ",\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
