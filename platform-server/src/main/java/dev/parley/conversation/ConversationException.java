package dev.parley.conversation;

/** Why an operation on a conversation was refused. Carries no stack trace: it is an answer, not a bug. */
public class ConversationException extends RuntimeException {

    public enum Reason {
        /** No such conversation, or not one the caller may see. */
        NOT_FOUND,
        /** The conversation is closed and takes no more messages. */
        CLOSED,
        /** The conversation is still open, and only a closed one can be rated. */
        NOT_CLOSED,
        /** The visitor already has another open conversation. */
        CONFLICT,
        /** Too many writes are waiting; retry with the same client message id. */
        OVERLOADED,
        /** The database did not commit; retry with the same client message id. */
        UNAVAILABLE
    }

    private final Reason reason;

    public ConversationException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the same request may succeed if sent again later. */
    public boolean retryable() {
        return reason == Reason.OVERLOADED || reason == Reason.UNAVAILABLE;
    }
}
