package dev.parley.webhook.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps webhook requests away from the operator's own network. A URL is checked when it is saved
 * (scheme, and a literal address or {@code localhost}), and every address a host name resolves to
 * is checked again right before connecting, so a name that later resolves to a private address (DNS
 * rebinding) is refused too. Thread-safe.
 */
final class AddressGuard {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final boolean allowPrivate;

    AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why {@code url} cannot be a webhook's endpoint, or null when it can. Never resolves names. */
    String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (java.net.URISyntaxException e) {
            return "url must be an absolute http or https URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.isOpaque()) {
            return "url must be an absolute http or https URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "url must not contain credentials; the signature authenticates Parley";
        }
        if (uri.getRawFragment() != null) {
            return "url must not contain a fragment";
        }
        if (allowPrivate) {
            return null;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return "url must not point at a private or loopback address";
        }
        if (host.startsWith("[") || IPV4_LITERAL.matcher(host).matches()) {
            try {
                // A literal: parsed, never looked up.
                InetAddress address = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
                return allowed(address) ? null : "url must not point at a private or loopback address";
            }
            catch (java.net.UnknownHostException e) {
                return "url has an invalid address";
            }
        }
        return null;
    }

    /** The addresses a connection may use, of those a name resolved to; empty refuses the connection. */
    List<SocketAddress> permitted(List<? extends SocketAddress> resolved) {
        return resolved.stream()
                .filter(a -> a instanceof InetSocketAddress i && i.getAddress() != null && allowed(i.getAddress()))
                .map(SocketAddress.class::cast)
                .toList();
    }

    boolean allowed(InetAddress address) {
        if (allowPrivate) {
            return true;
        }
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mappedV4 = isMappedV4(b);
            if (mappedV4) {
                try {
                    return allowed(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                }
                catch (java.net.UnknownHostException e) {
                    return false;
                }
            }
            // fc00::/7 unique local; 2001:db8::/32 documentation.
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean documentation = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
            return !(v6.isAnyLocalAddress() || v6.isLoopbackAddress() || v6.isLinkLocalAddress() || v6.isSiteLocalAddress()
                    || v6.isMulticastAddress() || uniqueLocal || documentation);
        }
        if (address instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean thisNetwork = first == 0;
            boolean sharedCgnat = first == 100 && second >= 64 && second <= 127;
            boolean benchmark = first == 198 && (second == 18 || second == 19);
            boolean ietf = first == 192 && second == 0 && (b[2] & 0xff) == 0;
            boolean reserved = first >= 240;
            return !(v4.isAnyLocalAddress() || v4.isLoopbackAddress() || v4.isLinkLocalAddress() || v4.isSiteLocalAddress()
                    || v4.isMulticastAddress() || thisNetwork || sharedCgnat || benchmark || ietf || reserved);
        }
        return false;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
