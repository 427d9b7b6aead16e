package dev.parley.agentgateway.internal;

import java.util.Locale;

import dev.parley.site.Site;

/**
 * Which pages may open the console's socket: the console's own, at the installation's public
 * address or at the address the request was made to. A page of another site is refused before the
 * upgrade (cross-site WebSocket hijacking), and so is a request without an {@code Origin}: every
 * browser sends one, and other clients can send the console's.
 */
final class ConsoleOrigins {

    private final String publicOrigin;

    /** @param publicUrl the configured public URL, or null when none is set */
    ConsoleOrigins(String publicUrl) {
        this.publicOrigin = publicUrl == null || publicUrl.isBlank() ? null : Site.normalizeOrigin(originOf(publicUrl));
    }

    /** Whether a page of {@code origin} may connect, for a request whose {@code Host} header is {@code host}. */
    boolean allowed(String origin, String host) {
        String normalized = Site.normalizeOrigin(origin);
        if (normalized == null) {
            return false;
        }
        if (normalized.equals(publicOrigin)) {
            return true;
        }
        return host != null && authority(normalized).equals(withoutDefaultPort(normalized, host.trim().toLowerCase(Locale.ROOT)));
    }

    private static String authority(String normalizedOrigin) {
        return normalizedOrigin.substring(normalizedOrigin.indexOf("://") + 3);
    }

    /** The Host header as the origin would spell it: without the default port of the origin's scheme. */
    private static String withoutDefaultPort(String normalizedOrigin, String host) {
        String defaultPort = normalizedOrigin.startsWith("https:") ? ":443" : ":80";
        return host.endsWith(defaultPort) ? host.substring(0, host.length() - defaultPort.length()) : host;
    }

    private static String originOf(String url) {
        int start = url.indexOf("://");
        int path = start < 0 ? -1 : url.indexOf('/', start + 3);
        return path < 0 ? url : url.substring(0, path);
    }
}
