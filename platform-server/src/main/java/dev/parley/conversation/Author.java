package dev.parley.conversation;

/**
 * Who wrote something.
 *
 * @param id the visitor's or agent's id; null for the system
 * @param name display name at the time of writing; may be null for visitors who gave none
 */
public record Author(AuthorKind kind, String id, String name) {

    public static final Author SYSTEM = new Author(AuthorKind.SYSTEM, null, null);

    public static Author visitor(String visitorId, String name) {
        return new Author(AuthorKind.VISITOR, visitorId, name);
    }

    public static Author agent(String agentId, String name) {
        return new Author(AuthorKind.AGENT, agentId, name);
    }
}
