package dev.parley.clusterbus.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.parley.clusterbus.BoundedSubscription;
import dev.parley.clusterbus.Topic;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis channels a node follows: one per topic that at least one local subscriber follows,
 * subscribed ({@code SSUBSCRIBE}) on the current connection while that lasts and left
 * ({@code SUNSUBSCRIBE}) when its last subscriber goes. A channel goes <em>live</em> when Redis
 * confirms its subscription on the current connection (its epoch), and its subscribers then get
 * {@link dev.parley.clusterbus.BusReady}.
 *
 * <p>{@link #register}, {@link #unregister}, {@link #subscribers} and {@link #size} may be called
 * from any thread; everything else runs on the bus's serial scheduler ({@code serial}), so the
 * commands for one channel reach Redis in the order they were decided.
 */
final class RedisChannels {

    private static final Logger log = LoggerFactory.getLogger(RedisChannels.class);

    /** Channels per SSUBSCRIBE when a connection subscribes everything: keeps each command small. */
    private static final int SUBSCRIBE_BATCH = 500;

    private final String prefix;
    private final Duration commandTimeout;
    private final Consumer<Runnable> serial;
    private final Map<Topic, Channel> channels = new ConcurrentHashMap<>();
    private final Set<String> orphans = new HashSet<>();
    private volatile long liveEpoch;
    private volatile StatefulRedisPubSubConnection<String, String> connection;

    /** {@code serial} runs a task on the bus's serial scheduler, or drops it once the bus stopped. */
    RedisChannels(String prefix, Duration commandTimeout, Consumer<Runnable> serial) {
        this.prefix = prefix;
        this.commandTimeout = commandTimeout;
        this.serial = serial;
    }

    /** The local subscribers of {@code topic}; empty when nothing here follows it. */
    Set<BoundedSubscription> subscribers(Topic topic) {
        Channel channel = channels.get(topic);
        return channel == null ? Set.of() : channel.subscribers;
    }

    /** The local subscribers of the Redis channel {@code name}; empty when it is no topic followed here. */
    Set<BoundedSubscription> subscribersOf(String name) {
        if (!name.startsWith(prefix)) {
            return Set.of();
        }
        try {
            return subscribers(new Topic(name.substring(prefix.length())));
        }
        catch (IllegalArgumentException notATopic) {
            return Set.of();
        }
    }

    /** Every local subscriber, of every topic. */
    List<BoundedSubscription> allSubscribers() {
        return channels.values().stream().flatMap(channel -> channel.subscribers.stream()).toList();
    }

    int size() {
        return channels.size();
    }

    void register(BoundedSubscription subscription) {
        Topic topic = subscription.topic();
        Channel[] created = {null};
        Channel channel = channels.compute(topic, (t, existing) -> {
            Channel c = existing != null ? existing : (created[0] = new Channel(t, prefix + t.name()));
            c.subscribers.add(subscription);
            return c;
        });
        // Read after joining: either this sees the channel live, or markLive sees this subscriber.
        long epoch = channel.liveEpoch;
        if (epoch != 0 && epoch == liveEpoch) {
            subscription.ready(epoch);
        }
        if (created[0] != null) {
            serial.accept(() -> subscribeNow(List.of(created[0])));
        }
    }

    void unregister(BoundedSubscription subscription) {
        boolean[] emptied = {false};
        Channel removed = channels.get(subscription.topic());
        channels.computeIfPresent(subscription.topic(), (t, c) -> {
            c.subscribers.remove(subscription);
            emptied[0] = c.subscribers.isEmpty();
            return emptied[0] ? null : c;
        });
        if (emptied[0]) {
            serial.accept(() -> unsubscribeNow(removed));
        }
    }

    /** Serial: a new, empty connection; asks it for every channel, and nothing needs leaving. */
    void connected(long epoch, StatefulRedisPubSubConnection<String, String> fresh) {
        connection = fresh;
        liveEpoch = epoch;
        orphans.clear();
        batches(List.copyOf(channels.values())).forEach(this::subscribeNow);
    }

    /** The connection is gone (or the bus stopped): no channel is live until the next {@link #connected}. */
    void disconnected() {
        connection = null;
        liveEpoch = 0;
    }

    /** Serial, every second: re-asks for what Redis has not confirmed and leaves what failed to be left. */
    void reconcile() {
        StatefulRedisPubSubConnection<String, String> current = connection;
        if (current == null) {
            return;
        }
        long stale = System.nanoTime() - commandTimeout.toNanos();
        List<Channel> unconfirmed = channels.values().stream()
                .filter(c -> c.liveEpoch != liveEpoch && c.requestedAt - stale < 0).toList();
        batches(unconfirmed).forEach(this::subscribeNow);
        if (!orphans.isEmpty()) {
            List<String> leave = orphans.stream()
                    .filter(name -> !channels.containsKey(new Topic(name.substring(prefix.length())))).toList();
            orphans.clear();
            if (!leave.isEmpty()) {
                current.reactive().sunsubscribe(leave.toArray(String[]::new))
                        .subscribe(null, error -> serial.accept(() -> orphans.addAll(leave)));
            }
        }
    }

    /** Serial: asks Redis for these channels; each goes live when Redis confirms. */
    private void subscribeNow(List<Channel> wanted) {
        StatefulRedisPubSubConnection<String, String> current = connection;
        long epoch = liveEpoch;
        if (current == null || wanted.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        wanted.forEach(c -> c.requestedAt = now);
        current.reactive().ssubscribe(wanted.stream().map(c -> c.name).toArray(String[]::new))
                .subscribe(null,
                        error -> log.debug("Subscribing {} channels failed; retrying: {}", wanted.size(), error.toString()),
                        () -> serial.accept(() -> markLive(wanted, epoch)));
    }

    private void markLive(List<Channel> confirmed, long epoch) {
        if (epoch != liveEpoch) {
            return;
        }
        for (Channel channel : confirmed) {
            if (channels.get(channel.topic) == channel && channel.liveEpoch != epoch) {
                channel.liveEpoch = epoch;
                channel.subscribers.forEach(subscription -> subscription.ready(epoch));
            }
        }
    }

    /** Serial: leaves a channel nobody here follows any more, unless someone started following it again. */
    private void unsubscribeNow(Channel channel) {
        StatefulRedisPubSubConnection<String, String> current = connection;
        if (channel == null || channels.containsKey(channel.topic) || current == null) {
            return;
        }
        current.reactive().sunsubscribe(channel.name)
                .subscribe(null, error -> serial.accept(() -> orphans.add(channel.name)));
    }

    private static List<List<Channel>> batches(List<Channel> all) {
        List<List<Channel>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SUBSCRIBE_BATCH) {
            batches.add(all.subList(i, Math.min(all.size(), i + SUBSCRIBE_BATCH)));
        }
        return batches;
    }

    private static final class Channel {

        final Topic topic;
        final String name;
        final Set<BoundedSubscription> subscribers = ConcurrentHashMap.newKeySet();
        volatile long liveEpoch;
        long requestedAt = System.nanoTime();

        Channel(Topic topic, String name) {
            this.topic = topic;
            this.name = name;
        }
    }
}
