package dev.parley.conversation;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/** The visitor rated a closed conversation (CSAT), 1 to 5. */
public record ConversationRated(String accountId, String conversationId, int rating, String comment) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(conversationId), Topic.account(accountId));
    }
}
