package dev.parley.routing;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/**
 * A conversation went back to the queue at its original place.
 *
 * @param previousAgentId who had it
 * @param reason {@code agent_offline}, {@code no_reply} or {@code transfer} (to a team)
 * @param at when it re-entered the queue, read under the account's routing lock
 */
public record ConversationRequeued(String accountId, String conversationId, String previousAgentId, String reason,
        java.time.Instant at) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(conversationId), Topic.account(accountId));
    }
}
