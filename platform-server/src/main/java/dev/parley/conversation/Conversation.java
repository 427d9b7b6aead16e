package dev.parley.conversation;

import java.time.Instant;
import java.util.Map;

/**
 * A conversation between one visitor of a site and the site's agents.
 *
 * @param queuedAt the conversation's place in the queue: set when first queued and kept when it is
 *     queued again after a reassignment
 * @param lastSeq the seq of its newest message, 0 before the first
 * @param prechat the visitor's answers to the pre-chat form
 * @param pendingReason why it is {@link ConversationStatus#PENDING}: {@code timeout}, {@code no_agents},
 *     {@code closed_hours} or {@code queue_full}; null otherwise
 */
public record Conversation(
        String id,
        String accountId,
        String siteId,
        String visitorId,
        String teamId,
        ConversationStatus status,
        String assignedAgentId,
        Instant queuedAt,
        Instant createdAt,
        Instant assignedAt,
        Instant firstResponseAt,
        Instant closedAt,
        Instant lastActivityAt,
        long lastSeq,
        long visitorReadSeq,
        long agentReadSeq,
        Map<String, String> prechat,
        Integer rating,
        String pendingReason) {

    public Conversation {
        prechat = prechat == null ? Map.of() : Map.copyOf(prechat);
    }
}
