package dev.parley.conversation;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/** A closed conversation was opened again and waits in the queue. */
public record ConversationReopened(Conversation conversation, Author reopenedBy) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(conversation.id()), Topic.account(conversation.accountId()));
    }
}
