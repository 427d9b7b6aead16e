package dev.parley.conversation;

import java.time.Instant;

/**
 * Which conversations a bulk export takes: those of the account created in {@code [from, to)},
 * narrowed by whichever of the other fields are set.
 *
 * @param agentId conversations assigned to this agent (now, or when they closed)
 */
public record ExportFilter(String accountId, Instant from, Instant to, String siteId, String teamId, String agentId,
        ConversationStatus status) {
}
