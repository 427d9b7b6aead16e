package dev.parley.conversation;

public enum MessageKind {
    /** Said to the other side. */
    TEXT,
    /** An agents-only internal note; never delivered to the visitor. */
    NOTE,
    /** A system record in the transcript, such as an assignment or the close. */
    EVENT
}
