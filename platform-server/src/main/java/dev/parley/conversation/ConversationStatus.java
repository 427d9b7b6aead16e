package dev.parley.conversation;

/** Where a conversation stands. Every status but {@code CLOSED} counts as open. */
public enum ConversationStatus {
    /** Waiting for an agent, in queue order. */
    QUEUED,
    /** An agent has it. */
    ASSIGNED,
    /** No agent took it in time (or none was available): kept for follow-up, never dropped. */
    PENDING,
    CLOSED;

    public boolean open() {
        return this != CLOSED;
    }
}
