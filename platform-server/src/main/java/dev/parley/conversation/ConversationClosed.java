package dev.parley.conversation;

import java.time.Instant;
import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/**
 * A conversation was closed.
 *
 * @param assignedAgentId the agent it was assigned to when it closed, whose slot is now free; null
 *     when it was not assigned
 */
public record ConversationClosed(String accountId, String siteId, String conversationId, String assignedAgentId,
        Author closedBy, Instant closedAt) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(conversationId), Topic.account(accountId));
    }
}
