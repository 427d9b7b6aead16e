package dev.parley.routing;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/** A site's queue settings changed; every node drops its copy at once. */
public record QueueSettingsChanged(String accountId, String siteId) implements ClusterEvent {

    /** Every node listens here, whatever its clients. */
    public static final Topic TOPIC = Topic.of("routing", "settings");

    @Override
    public List<Topic> topics() {
        return List.of(TOPIC, Topic.account(accountId));
    }
}
