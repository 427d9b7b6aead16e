package dev.parley.conversation;

import java.util.Map;

/**
 * A message to store. Either the caller has already checked that {@code author} may write to the
 * conversation, or {@code guard} checks it as the message is stored.
 *
 * @param clientMsgId chosen by the sender, unique within the conversation; a retry with the same
 *     id returns the original message
 * @param guard checked before anything else, the retry lookup included
 */
public record PostCommand(
        String conversationId,
        String clientMsgId,
        Author author,
        MessageKind kind,
        String body,
        Map<String, String> meta,
        PostGuard guard) {

    /** A post the caller has already authorized. */
    public PostCommand(String conversationId, String clientMsgId, Author author, MessageKind kind, String body, Map<String, String> meta) {
        this(conversationId, clientMsgId, author, kind, body, meta, PostGuard.NONE);
    }

    /** Longest client message id; the column is VARCHAR(64). */
    public static final int MAX_CLIENT_MSG_ID_LENGTH = 64;

    public static PostCommand text(String conversationId, String clientMsgId, Author author, String body) {
        return new PostCommand(conversationId, clientMsgId, author, MessageKind.TEXT, body, Map.of());
    }

    /** Whether {@code id} is 1 to 64 characters of {@code [A-Za-z0-9_.:-]}. */
    public static boolean validClientMsgId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_CLIENT_MSG_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }
}
