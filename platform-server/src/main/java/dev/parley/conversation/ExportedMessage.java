package dev.parley.conversation;

import java.time.Instant;

/** One message of a bulk export, with the conversation it belongs to, flat. */
public record ExportedMessage(
        String conversationId,
        String siteId,
        String teamId,
        String agentId,
        ConversationStatus status,
        Instant conversationCreatedAt,
        long seq,
        AuthorKind authorKind,
        String authorName,
        MessageKind kind,
        String body,
        Instant createdAt) {
}
