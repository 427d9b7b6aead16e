package dev.parley.visitorgateway.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.parley.shared.ClientAddress;
import dev.parley.site.Site;
import dev.parley.site.Sites;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * {@code /ws/visitor}, served by Reactor Netty itself rather than WebFlux: nothing of an HTTP
 * exchange (its attributes, headers adapters, filter chain) outlives the upgrade, which is what an
 * idle visitor's memory is mostly made of. Before the upgrade, a node that is shutting down answers
 * 503; the site key must exist and the page's {@code Origin} must be one of the site's allowed
 * origins (403 otherwise, which stops cross-site WebSocket hijacking); and the client address must
 * hold fewer sockets than the limit (429). Refusals are problem+json, counted by code.
 */
final class VisitorRoute implements NettyRouteProvider {

    static final String PATH = "/ws/visitor";

    static final List<String> REFUSALS = List.of("shutting_down", "origin_not_allowed", "websocket_required", "too_many_connections");

    private final Sites sites;
    private final ConnectionLimiter limiter;
    private final VisitorDrain drain;
    private final GatewayContext context;
    private final WebsocketServerSpec spec;
    private final boolean forwardedHeaders;
    private final Map<String, Counter> refused;

    VisitorRoute(Sites sites, ConnectionLimiter limiter, VisitorDrain drain, GatewayContext context, boolean forwardedHeaders,
            MeterRegistry meters) {
        this.sites = sites;
        this.limiter = limiter;
        this.drain = drain;
        this.context = context;
        this.forwardedHeaders = forwardedHeaders;
        // Netty enforces the frame limit while decoding, before anything is buffered, and closes an
        // oversized frame's socket with 1009. No compression (the default): frames are small, and
        // zlib's state per socket is hundreds of kilobytes of native memory.
        this.spec = WebsocketServerSpec.builder().maxFramePayloadLength(context.limits().maxFrameBytes()).build();
        this.refused = REFUSALS.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                code -> Counter.builder("parley.visitor.handshakes.refused").tag("code", code)
                        .description("Visitor socket upgrades refused, by the problem code answered").register(meters)));
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(request -> PATH.equals(request.fullPath()), this::handshake);
    }

    private Mono<Void> handshake(HttpServerRequest request, HttpServerResponse response) {
        if (drain.draining()) {
            // Another node takes it: a load balancer retries the next upstream, the widget reconnects.
            return refuse(response, HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting_down", "This server is shutting down; connect again");
        }
        String origin = request.requestHeaders().get(HttpHeaderNames.ORIGIN);
        List<String> keys = new QueryStringDecoder(request.uri()).parameters().get("site");
        // An unknown site and a foreign origin are refused alike, so keys cannot be probed.
        return sites.findByKey(keys == null ? null : keys.get(0))
                .filter(site -> site.allows(origin))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                // The site lookup finished on a database thread. The upgrade must happen on the
                // connection's own event loop: Netty inserts the frame aggregator when the socket
                // starts reading, and from another thread it races the client's first frame.
                .publishOn(eventLoopOf(request))
                .flatMap(site -> site.isPresent() ? admit(request, response, site.get())
                        : refuse(response, HttpResponseStatus.FORBIDDEN, "origin_not_allowed", "This page's origin may not open the chat for that site"));
    }

    private Mono<Void> admit(HttpServerRequest request, HttpServerResponse response, Site site) {
        if (!upgrade(request)) {
            return refuse(response, HttpResponseStatus.BAD_REQUEST, "websocket_required", "Open this address as a WebSocket");
        }
        String address = ClientAddress.of(request, forwardedHeaders);
        ConnectionLimiter.Permit permit = limiter.tryAcquire(address);
        if (permit == null) {
            return refuse(response, HttpResponseStatus.TOO_MANY_REQUESTS, "too_many_connections", "Too many open chat connections from your address");
        }
        // The socket takes the permit when it opens and releases it when it ends; this covers an upgrade that failed.
        return response.sendWebsocket((in, out) -> open(in, out, site, address, permit), spec)
                .doFinally(signal -> permit.releaseUnlessHandedOver());
    }

    /** Runs on the connection's event loop once the upgrade is done; completes when the socket closes. */
    private Mono<Void> open(WebsocketInbound in, WebsocketOutbound out, Site site, String address, ConnectionLimiter.Permit permit) {
        permit.handOver();
        VisitorConnection connection = new VisitorConnection(out, site, address, context);
        return connection.run(in)
                .doOnSubscribe(subscription -> drain.opened(connection))
                .doFinally(signal -> {
                    drain.closed(connection);
                    permit.release();
                });
    }

    /** What an RFC 6455 client sends; anything else is answered before Netty tries a handshake it would fail. */
    private static boolean upgrade(HttpServerRequest request) {
        return HttpMethod.GET.equals(request.method())
                && request.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && request.requestHeaders().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY);
    }

    private static Scheduler eventLoopOf(HttpServerRequest request) {
        return request instanceof Connection connection ? Schedulers.fromExecutor(connection.channel().eventLoop()) : Schedulers.immediate();
    }

    private Mono<Void> refuse(HttpServerResponse response, HttpResponseStatus status, String code, String detail) {
        refused.get(code).increment();
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + status.reasonPhrase() + "\",\"status\":" + status.code()
                + ",\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body))
                .then();
    }
}
