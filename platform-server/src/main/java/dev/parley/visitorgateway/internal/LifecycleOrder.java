package dev.parley.visitorgateway.internal;

import java.time.Instant;
import java.util.stream.Stream;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationClosed;
import dev.parley.conversation.ConversationReopened;
import dev.parley.routing.ConversationAssigned;
import dev.parley.routing.ConversationRequeued;

/**
 * The newest queue, routing or closing change a socket has shown of the conversation it follows.
 * Those events come from different publishers (the request that reopened a chat, the routing pass
 * that assigned it, other nodes) and can arrive out of order; one older than what was shown is
 * dropped, so a late "reopened" does not show an assigned chat as waiting again. Not thread-safe:
 * one conversation stream calls it.
 */
final class LifecycleOrder {

    private Instant latest;

    /** Starts from what the conversation, as read when the socket began following it, shows. */
    LifecycleOrder(Conversation followed) {
        latest = Stream.of(followed.queuedAt(), followed.assignedAt(), followed.closedAt())
                .filter(t -> t != null).max(Instant::compareTo).orElse(null);
    }

    /** Whether {@code event} may be shown: it carries no lifecycle time, or one not older than the newest shown, which it becomes. */
    boolean accept(ClusterEvent event) {
        Instant at = timeOf(event);
        if (at == null) {
            return true;
        }
        if (latest != null && at.isBefore(latest)) {
            return false;
        }
        latest = at;
        return true;
    }

    private static Instant timeOf(ClusterEvent event) {
        if (event instanceof ConversationAssigned assigned) {
            return assigned.assignedAt();
        }
        if (event instanceof ConversationRequeued requeued) {
            return requeued.at();
        }
        if (event instanceof ConversationClosed closed) {
            return closed.closedAt();
        }
        return event instanceof ConversationReopened reopened ? reopened.conversation().queuedAt() : null;
    }
}
