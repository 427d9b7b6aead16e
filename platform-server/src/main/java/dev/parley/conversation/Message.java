package dev.parley.conversation;

import java.time.Instant;
import java.util.Map;

/**
 * A stored message. {@code (conversationId, seq)} identifies it; {@code seq} runs 1, 2, 3… per
 * conversation with no gaps and no repeats.
 *
 * @param meta structured details of an {@link MessageKind#EVENT} (such as {@code type} and the
 *     agent involved), so clients can render it in their own language; empty for other kinds
 */
public record Message(
        String conversationId,
        long seq,
        String clientMsgId,
        Author author,
        MessageKind kind,
        String body,
        Map<String, String> meta,
        Instant createdAt) {

    public Message {
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }
}
