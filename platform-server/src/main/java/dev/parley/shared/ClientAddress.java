package dev.parley.shared;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

import io.netty.util.NetUtil;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.ForwardedHeaderUtils;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The client address a caller is counted, throttled, banned and recorded by, the same for REST
 * calls and sockets. Behind a proxy it is the address the proxy forwarded: with
 * {@code server.forward-headers-strategy=native} Reactor Netty puts it in the request's remote
 * address for both; with {@code framework} WebFlux's {@code ForwardedHeaderTransformer} does for
 * REST calls, and {@link #of(HttpServerRequest, boolean)} reads the same headers the same way for
 * the socket, which WebFlux never sees.
 */
public final class ClientAddress {

    public static final String UNKNOWN = "unknown";

    private static final URI ANY = URI.create("http://localhost/");

    private ClientAddress() {
    }

    public static String of(ServerWebExchange exchange) {
        return of(exchange.getRequest().getRemoteAddress());
    }

    /** With {@code forwardedHeaders}, the first {@code Forwarded: for=} or {@code X-Forwarded-For} wins, as in WebFlux. */
    public static String of(HttpServerRequest request, boolean forwardedHeaders) {
        InetSocketAddress remote = request.remoteAddress();
        if (forwardedHeaders) {
            HttpHeaders headers = new HttpHeaders();
            for (String name : new String[] {"Forwarded", "X-Forwarded-For"}) {
                headers.addAll(name, request.requestHeaders().getAll(name));
            }
            InetSocketAddress forwarded = ForwardedHeaderUtils.parseForwardedFor(ANY, headers, remote);
            if (forwarded != null) {
                remote = forwarded;
            }
        }
        return of(remote);
    }

    /**
     * A forwarded address is unresolved (nothing is looked up): its host is used, an IP literal in
     * its canonical form so that one client is one key however a proxy spells it.
     */
    public static String of(InetSocketAddress remote) {
        if (remote == null) {
            return UNKNOWN;
        }
        if (remote.getAddress() != null) {
            return remote.getAddress().getHostAddress();
        }
        String host = remote.getHostString();
        if (host == null || host.isBlank()) {
            return UNKNOWN;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(bare);
        return literal != null ? literal.getHostAddress() : bare;
    }
}
