package dev.parley.clusterbus.internal;

import java.util.Collection;

import dev.parley.clusterbus.BoundedSubscription;
import dev.parley.clusterbus.Topic;

/**
 * Resync markers: what a node sends, once Redis takes its publishes again, on every topic it failed
 * to publish to (see {@link UnsentTopics}), and what it does with the markers of other nodes. A
 * marker's payload is {@code resync:<node>} where an event's is a JSON object, so the two never
 * mix; on it, the subscribers of that channel catch up from the database. After an overflow one
 * marker goes on {@code <prefix>bus:resync-all}, which every node follows.
 *
 * <p>{@link #unsent} may be called from any thread; {@link #send} runs on the bus's serial scheduler.
 */
final class Resyncs {

    /** A resync marker's payload starts so; an event's is a JSON object, so the two never mix. */
    static final String MARKER = "resync:";

    /** The channel (after the prefix) every node follows for a resync of all its topics. */
    static final String ALL = "bus:resync-all";

    /**
     * Topics remembered as published-to during an outage. A busy node touches a few thousand
     * conversations a minute; past this, one resync of every topic is cheaper than the bookkeeping.
     */
    private static final int MAX_UNSENT_TOPICS = 10_000;

    private final String node;
    private final String prefix;
    private final UnsentTopics unsent = new UnsentTopics(MAX_UNSENT_TOPICS);

    Resyncs(String node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The Redis channel of resyncs of every topic. */
    String allChannel() {
        return prefix + ALL;
    }

    /** A publish to {@code topic} was dropped or failed: its subscribers elsewhere will need a resync. */
    void unsent(Topic topic) {
        unsent.add(topic);
    }

    /** Serial: once {@code link} takes publishes again, sends a marker on every topic whose events were not sent. */
    void send(RedisLink link) {
        if (link == null || !link.publishing()) {
            return;
        }
        String marker = MARKER + node;
        if (unsent.takeOverflow() && !link.publish(allChannel(), marker, unsent::overflow)) {
            unsent.overflow();
        }
        for (Topic topic : unsent.drain()) {
            if (!link.publish(prefix + topic.name(), marker, () -> unsent.add(topic))) {
                unsent.add(topic);
            }
        }
        link.flush();
    }

    static boolean isMarker(String payload) {
        return payload.startsWith(MARKER);
    }

    /**
     * A marker arrived on {@code channel}: unless this node sent it, the subscribers of that channel,
     * or of every channel when it came on {@link #allChannel}, catch up.
     */
    void received(String channel, String payload, RedisChannels channels) {
        if (payload.substring(MARKER.length()).equals(node)) {
            return;
        }
        Collection<BoundedSubscription> affected = channel.equals(allChannel()) ? channels.allSubscribers() : channels.subscribersOf(channel);
        affected.forEach(BoundedSubscription::resync);
    }
}
