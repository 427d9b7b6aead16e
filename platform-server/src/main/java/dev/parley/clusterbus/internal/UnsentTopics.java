package dev.parley.clusterbus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.parley.clusterbus.Topic;

/**
 * The topics this node failed to publish to while Redis (or its publishing connection) was away.
 *
 * <p>Other nodes' subscribers cannot notice such a loss by themselves: their own subscription may
 * have stayed up, so they get no {@link dev.parley.clusterbus.BusReady}, and when the lost event
 * was a conversation's last one no later seq reveals the gap. Once it can publish again, the node
 * therefore sends a resync marker on each of these topics, on which every subscriber catches up
 * from the database. Past {@code limit} topics the set stops growing and one marker for every
 * topic is sent instead, so memory stays bounded whatever the outage. Thread-safe.
 */
final class UnsentTopics {

    private final int limit;
    private final Set<Topic> topics = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    UnsentTopics(int limit) {
        this.limit = limit;
    }

    /** A publish to {@code topic} was dropped or failed. */
    void add(Topic topic) {
        if (overflowed.get()) {
            return;
        }
        if (topics.size() >= limit) {
            overflow();
            return;
        }
        topics.add(topic);
    }

    /** Too many to name: every topic needs a resync. */
    void overflow() {
        overflowed.set(true);
        topics.clear();
    }

    /** Whether every topic needs a resync; clears the flag (a failed resend sets it again). */
    boolean takeOverflow() {
        return overflowed.getAndSet(false);
    }

    /** The topics to resync, removed from the set (a failed resend adds them again). */
    List<Topic> drain() {
        List<Topic> taken = new ArrayList<>(topics);
        topics.removeAll(taken);
        return taken;
    }

    int size() {
        return topics.size();
    }
}
