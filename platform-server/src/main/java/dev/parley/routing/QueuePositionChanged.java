package dev.parley.routing;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/**
 * A queued conversation's place changed.
 *
 * @param position 1 for the next to be served
 * @param etaSeconds the estimated wait; null when it cannot be estimated (no agent available)
 */
public record QueuePositionChanged(String accountId, String conversationId, int position, Long etaSeconds)
        implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(conversationId));
    }
}
