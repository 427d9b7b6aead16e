package dev.parley.conversation;

/**
 * A check a post must pass, made where the message is stored: under the conversation's row lock,
 * in the transaction that stores it, so it sees exactly the state the message is written into and
 * costs no read of its own. A gateway uses it to authorize its caller.
 */
@FunctionalInterface
public interface PostGuard {

    /** Lets every post through. */
    PostGuard NONE = target -> null;

    /**
     * Null when the post may go ahead, else the error the post fails with (nothing is stored).
     * Called on a database thread while the row is locked: it must be quick and must not block.
     */
    RuntimeException check(Target target);

    /** What a guard sees of the conversation. */
    record Target(String accountId, ConversationStatus status, String assignedAgentId) {
    }
}
