package dev.parley.clusterbus.internal;

import java.util.concurrent.atomic.AtomicLong;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/**
 * The events this node exchanges with the others through Redis: each one it publishes is encoded
 * once, under this node's name, and sent on the channel of each of its topics; each one that
 * arrives is decoded, unless it is this node's own coming back. Counts both directions for the
 * bus's meters. Thread-safe: sending runs on publishing threads, receiving on Lettuce's I/O thread.
 */
final class RedisTraffic {

    private final EventCodec codec;
    private final String node;
    private final String ownPrefix;
    private final String channelPrefix;
    private final Resyncs resyncs;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    /** {@code resyncs} is told of every topic an event could not be sent to. */
    RedisTraffic(EventCodec codec, String node, String channelPrefix, Resyncs resyncs) {
        this.codec = codec;
        this.node = node;
        this.ownPrefix = codec.prefixOf(node);
        this.channelPrefix = channelPrefix;
        this.resyncs = resyncs;
    }

    /**
     * Sends {@code event} to the other nodes, never blocking and never failing: a topic it could not
     * be sent to is owed a resync. With no {@code link} (the bus is stopped) it is skipped.
     */
    void send(ClusterEvent event, RedisLink link) {
        String payload = codec.encode(node, event);
        if (payload == null || link == null) {
            skipped.incrementAndGet();
            return;
        }
        for (Topic topic : event.topics()) {
            if (link.publish(channelPrefix + topic.name(), payload, () -> resyncs.unsent(topic))) {
                published.incrementAndGet();
            }
            else {
                dropped.incrementAndGet();
                resyncs.unsent(topic);
            }
        }
    }

    /** The event another node sent as {@code payload}; null for one of this node's own, or one that cannot be read. */
    ClusterEvent receive(String payload) {
        // Checked before decoding: Redis hands this node's own events back to it, and decoding costs more.
        if (payload.startsWith(ownPrefix)) {
            return null;
        }
        EventCodec.Decoded decoded = codec.decode(payload);
        if (decoded == null) {
            skipped.incrementAndGet();
            return null;
        }
        if (node.equals(decoded.node())) {
            return null;
        }
        received.incrementAndGet();
        return decoded.event();
    }

    /** Counts since creation: sent to Redis, dropped for want of Redis, received from other nodes, skipped as unreadable. */
    long[] counts() {
        return new long[] {published.get(), dropped.get(), received.get(), skipped.get()};
    }
}
