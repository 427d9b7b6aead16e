package dev.parley.visitor;

/**
 * Who the site says its visitor is.
 *
 * @param externalId the site's own user id
 * @param hash lower-case hex HMAC-SHA256 of {@code externalId} under the site's identity secret,
 *     computed by the site's server; null for an unverified identification
 */
public record Identity(String externalId, String name, String email, String hash) {

    @Override
    public String toString() {
        return "Identity[externalId=" + externalId + ", verified=" + (hash != null) + "]";
    }
}
