package dev.parley.conversation;

import java.time.Instant;

/**
 * A page of an account's conversations, newest activity first.
 *
 * @param agentId for {@link View#MINE}: whose; for {@link View#CLOSED}: only theirs when non-null
 * @param before only conversations whose last activity is before this instant (the previous page's last); null for the first page
 */
public record ConversationQuery(String accountId, View view, String agentId, int limit, Instant before) {

    public enum View {
        /** Open and assigned to {@code agentId}. */
        MINE,
        /** Waiting for an agent, oldest first: the order they will be served in. */
        QUEUE,
        /** Every open conversation of the account. */
        ALL,
        /** Closed ones. */
        CLOSED
    }
}
