package dev.parley.conversation;

import java.time.Instant;

/**
 * A page of an account's conversations, newest activity first.
 *
 * @param agentId for {@link View#MINE}: whose; for {@link View#CLOSED}: only theirs when non-null
 * @param before only conversations whose last activity is before this instant (the previous page's last); null for the first page
 * @param beforeId with {@code before}: the previous page's last id, so that conversations of that same
 *     last activity (a batch of messages or a routing pass dates many alike) after it in the order are
 *     not skipped; null pages by time alone
 */
public record ConversationQuery(String accountId, View view, String agentId, int limit, Instant before, String beforeId) {

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
