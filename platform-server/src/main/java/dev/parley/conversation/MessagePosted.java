package dev.parley.conversation;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/** A message was committed. Published once per stored message, in seq order per node. */
public record MessagePosted(String accountId, Message message) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(message.conversationId()), Topic.account(accountId));
    }
}
