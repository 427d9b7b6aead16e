package dev.parley.visitor;

import java.util.ArrayList;
import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/**
 * A visitor was banned. Published to their open conversation too, so their socket learns of it and
 * closes.
 *
 * @param conversationId the visitor's open conversation when the ban was made; null when none
 */
public record VisitorBanned(String accountId, String visitorId, String conversationId) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        List<Topic> topics = new ArrayList<>(List.of(Topic.account(accountId)));
        if (conversationId != null) {
            topics.add(Topic.conversation(conversationId));
        }
        return topics;
    }
}
