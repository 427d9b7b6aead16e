package dev.parley.visitor;

import java.time.Instant;
import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/** A visitor opened a page of the site: the agents' live page trail. */
public record VisitorNavigated(String accountId, String visitorId, String url, String title, Instant viewedAt)
        implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.account(accountId));
    }
}
