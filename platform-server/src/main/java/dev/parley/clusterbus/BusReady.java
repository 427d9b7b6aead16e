package dev.parley.clusterbus;

import java.util.List;

/**
 * The first signal of every subscription: from here on, events published to the topic are
 * delivered. It is signalled again after the transport recovered from an outage, which may have
 * lost events; subscribers catch up from the database on every one.
 */
public record BusReady(Topic topic) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(topic);
    }
}
