package dev.parley.canned;

import java.time.Instant;

/**
 * One prepared answer.
 *
 * @param ownerAgentId the agent whose personal response this is; null for the account's shared ones
 * @param shortcut what follows the slash in the composer, lower-case {@code [a-z0-9_-]}
 */
public record CannedResponse(
        String id,
        String accountId,
        String ownerAgentId,
        String shortcut,
        String title,
        String body,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether it is shared by the whole account rather than one agent's own. */
    public boolean shared() {
        return ownerAgentId == null;
    }
}
