package dev.parley.conversation;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/** The visitor (or the agents) read the conversation up to and including {@code upToSeq}. */
public record MessagesRead(String accountId, String conversationId, AuthorKind reader, long upToSeq)
        implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(conversationId), Topic.account(accountId));
    }
}
