package dev.parley.webhook;

import java.time.Instant;

/**
 * One event sent (or to be sent) to one webhook: an entry of the delivery log.
 *
 * @param status {@code PENDING}, {@code DELIVERED} or {@code FAILED} (attempts exhausted)
 * @param lastStatus the HTTP status of the last attempt, when it got a response
 * @param lastError why the last attempt failed, when it did
 * @param nextAttemptAt when a pending delivery is tried next
 */
public record Delivery(String id, String webhookId, String eventType, String conversationId, String status, int attempts,
        Integer lastStatus, String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
}
