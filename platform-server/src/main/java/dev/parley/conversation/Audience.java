package dev.parley.conversation;

/** Who reads a stream or a history, which decides what it may contain. */
public enum Audience {
    /** Never sees internal notes, nor agents' typing of them. */
    VISITOR,
    /** Sees everything in the conversation. */
    AGENT;

    public boolean sees(MessageKind kind) {
        return this == AGENT || kind != MessageKind.NOTE;
    }
}
