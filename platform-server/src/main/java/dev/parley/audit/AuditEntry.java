package dev.parley.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One recorded action.
 *
 * @param actorId the agent who acted; null when the system acted by itself
 * @param targetType the kind of thing acted on, such as {@code session}; may be null
 * @param details what changed, as flat text pairs; never holds a secret
 */
public record AuditEntry(
        String id,
        String accountId,
        String actorId,
        String action,
        String targetType,
        String targetId,
        Map<String, String> details,
        Instant createdAt) {
}
