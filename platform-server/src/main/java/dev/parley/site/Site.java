package dev.parley.site;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A customer's website. Its identity-verification secret is deliberately not part of this record:
 * it never leaves the {@code site} module (see {@link Sites#verifyIdentity}).
 *
 * @param siteKey public key in the site's script tag
 * @param allowedOrigins exact origins ({@code scheme://host[:port]}) whose pages may open the widget
 */
public record Site(
        String id,
        String accountId,
        String siteKey,
        String name,
        List<String> allowedOrigins,
        Appearance appearance,
        String greeting,
        List<PrechatField> prechatFields,
        boolean identityRequired,
        Instant createdAt) {

    public Site {
        allowedOrigins = List.copyOf(allowedOrigins);
        prechatFields = List.copyOf(prechatFields);
    }

    /**
     * Whether a browser request with this {@code Origin} header may act on the site. A missing,
     * {@code null} or malformed origin is never allowed; comparison is exact after normalising case
     * and default ports, so {@code https://shop.example.evil.test} does not match
     * {@code https://shop.example}.
     */
    public boolean allows(String origin) {
        String normalized = normalizeOrigin(origin);
        return normalized != null && allowedOrigins.stream().map(Site::normalizeOrigin).anyMatch(normalized::equals);
    }

    /** {@code scheme://host[:port]} in lower case without a default port, or null when it is not an http(s) origin. */
    public static String normalizeOrigin(String origin) {
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return null;
        }
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }
}
