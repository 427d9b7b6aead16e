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
 * that assigned it, other nodes) and can arrive out of order. Openings, assignments and requeues
 * older than anything shown are dropped (the server never dates one before what it follows), so
 * a late "reopened" does not show an assigned chat as waiting again. A close is dated by the
 * request that made it, and routing may requeue the chat between that request's clock reading
 * and its write: a close is dropped only when a reopening newer than it was shown. Not
 * thread-safe: one conversation stream calls it.
 */
final class LifecycleOrder {

    private Instant latest;
    private Instant queued;

    /** Starts from what the conversation, as read when the socket began following it, shows. */
    LifecycleOrder(Conversation followed) {
        latest = Stream.of(followed.queuedAt(), followed.assignedAt(), followed.closedAt())
                .filter(t -> t != null).max(Instant::compareTo).orElse(null);
        queued = followed.queuedAt();
    }

    /** Whether {@code event} may be shown: it carries no lifecycle time, or it is in order as above; if so it is noted. */
    boolean accept(ClusterEvent event) {
        if (event instanceof ConversationClosed closed && closed.closedAt() != null) {
            if (queued != null && closed.closedAt().isBefore(queued)) {
                return false;
            }
            latest = latest == null || closed.closedAt().isAfter(latest) ? closed.closedAt() : latest;
            return true;
        }
        Instant at = timeOf(event);
        if (at == null) {
            return true;
        }
        if (latest != null && at.isBefore(latest)) {
            return false;
        }
        latest = at;
        if (event instanceof ConversationReopened) {
            queued = at;
        }
        return true;
    }

    private static Instant timeOf(ClusterEvent event) {
        if (event instanceof ConversationAssigned assigned) {
            return assigned.assignedAt();
        }
        if (event instanceof ConversationRequeued requeued) {
            return requeued.at();
        }
        return event instanceof ConversationReopened reopened ? reopened.conversation().queuedAt() : null;
    }
}
