package dev.parley.agent;

import java.time.Instant;

/**
 * An agent as the rest of the system sees them. The password hash never leaves the module.
 *
 * @param capacityOverride most concurrent chats for this agent, overriding the queue's setting;
 *     null uses the queue's
 */
public record Agent(
        String id,
        String accountId,
        String email,
        String displayName,
        Role role,
        Integer capacityOverride,
        String avatarUrl,
        boolean active,
        Instant createdAt) {
}
