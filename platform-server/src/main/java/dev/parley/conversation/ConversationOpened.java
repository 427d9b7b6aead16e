package dev.parley.conversation;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/** A visitor started a conversation; it waits in the queue. */
public record ConversationOpened(Conversation conversation) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(conversation.id()), Topic.account(conversation.accountId()));
    }
}
