package dev.parley.visitor;

import java.time.Instant;
import java.util.Map;

/**
 * A visitor of one site. Tokens are not part of it: only their hashes are stored, and no API
 * returns one except the session call that issues it.
 *
 * @param externalId the customer's own user id, when the site identified the visitor
 * @param verified whether that identification carried a valid HMAC
 * @param timeZone the IANA time zone the visitor's browser last reported; null when unknown
 */
public record Visitor(
        String id,
        String accountId,
        String siteId,
        String name,
        String email,
        String externalId,
        boolean verified,
        Map<String, String> attributes,
        String userAgent,
        String locale,
        String timeZone,
        String ipAddress,
        String currentUrl,
        String referrer,
        Instant firstSeenAt,
        Instant lastSeenAt) {

    public Visitor {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
