package dev.parley.conversation;

public enum AuthorKind {
    VISITOR, AGENT, SYSTEM
}
