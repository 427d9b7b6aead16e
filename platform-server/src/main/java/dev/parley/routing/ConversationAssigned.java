package dev.parley.routing;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/**
 * A conversation got an agent.
 *
 * @param previousAgentId who had it before, for a transfer; else null
 * @param reason {@code routing}, {@code claim}, {@code transfer} or {@code manual}
 * @param assignedAt the assignment's time, read under the account's routing lock: assignments of an
 *     account are ordered by it
 */
public record ConversationAssigned(String accountId, String conversationId, String agentId, String agentName,
        String previousAgentId, String reason, java.time.Instant assignedAt) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(conversationId), Topic.account(accountId));
    }
}
