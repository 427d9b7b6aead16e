package dev.parley.routing;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/**
 * Nobody can answer now, so the visitor is offered the offline form; the conversation is kept for
 * follow-up.
 *
 * @param reason {@code timeout}, {@code no_agents}, {@code closed_hours} or {@code queue_full}
 */
public record ConversationPending(String accountId, String conversationId, String reason) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(conversationId), Topic.account(accountId));
    }
}
