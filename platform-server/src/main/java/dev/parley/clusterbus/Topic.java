package dev.parley.clusterbus;

/**
 * A named stream of events, such as one conversation's or one account's. A node receives a
 * topic's events only while something on it subscribes, so names should be as narrow as the
 * audience: per conversation for visitors, per account for agents.
 */
public record Topic(String name) {

    public Topic {
        if (name == null || name.isEmpty() || name.length() > 128) {
            throw new IllegalArgumentException("A topic name has 1 to 128 characters");
        }
    }

    public static Topic of(String kind, String id) {
        return new Topic(kind + ":" + id);
    }

    /** Everything about one conversation: what its visitor's connection follows. */
    public static Topic conversation(String conversationId) {
        return of("conversation", conversationId);
    }

    /** Everything agents of one account may need to see: what agent connections follow. */
    public static Topic account(String accountId) {
        return of("account", accountId);
    }
}
