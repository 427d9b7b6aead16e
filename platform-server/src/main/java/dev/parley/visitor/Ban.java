package dev.parley.visitor;

import java.time.Instant;

/**
 * A ban of a visitor, their address, or both, in one account.
 *
 * @param expiresAt when it ends; null for a permanent ban. A lifted ban ends when it was lifted.
 */
public record Ban(String id, String visitorId, String ipAddress, String reason, String createdBy, Instant createdAt, Instant expiresAt) {

    public boolean activeAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
