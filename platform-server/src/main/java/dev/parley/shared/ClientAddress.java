package dev.parley.shared;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.util.NetUtil;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client address a caller is counted, throttled, banned and recorded by, the same for REST
 * calls and sockets. Behind a proxy it is the address the proxy forwarded: with
 * {@code server.forward-headers-strategy=native} Reactor Netty puts it in the request's remote
 * address, with {@code framework} WebFlux's {@code ForwardedHeaderTransformer} does, as an
 * unresolved address.
 */
public final class ClientAddress {

    public static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    public static String of(ServerWebExchange exchange) {
        return of(exchange.getRequest().getRemoteAddress());
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
