package dev.parley.clusterbus.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.parley.clusterbus.BoundedSubscription;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.clusterbus.ClusterBusProperties;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;
import dev.parley.shared.Ids;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The bus of several nodes: Redis sharded pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE}), one channel
 * per topic, subscribed on a node only while something on it subscribes to the topic.
 *
 * <p>An event is handed to this node's application listeners and subscribers directly, then sent to
 * Redis for the other nodes; a node ignores its own events coming back. A subscriber gets
 * {@link dev.parley.clusterbus.BusReady} once Redis confirmed the channel's subscription, and
 * again after every reconnection, when anything published meanwhile may have been lost. A Redis
 * outage never fails a publisher: local delivery goes on, remote delivery resumes by itself, and
 * the topics it could not send to get a resync marker once it can (see {@link UnsentTopics}).
 *
 * <p>Subscription bookkeeping and Redis commands run on one serial scheduler, so commands for a
 * channel reach Redis in the order they were decided; delivery runs on the publishing thread or
 * Lettuce's I/O thread and only reads. Thread-safe.
 */
public class RedisClusterBus implements ClusterBus, SmartLifecycle, RedisLink.Events {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterBus.class);

    /** Channels per SSUBSCRIBE when a connection subscribes everything: keeps each command small. */
    private static final int SUBSCRIBE_BATCH = 500;

    /** How often unconfirmed subscriptions, failed unsubscriptions and unsent resyncs are retried. */
    private static final long RECONCILE_MILLIS = 1_000;

    /**
     * Topics remembered as published-to during an outage. A busy node touches a few thousand
     * conversations a minute; past this, one resync of every topic is cheaper than the bookkeeping.
     */
    private static final int MAX_UNSENT_TOPICS = 10_000;

    /** A resync marker's payload starts so; an event's is a JSON object, so the two never mix. */
    static final String RESYNC = "resync:";

    /** The channel (after the prefix) every node follows for a resync of all its topics. */
    static final String RESYNC_ALL = "bus:resync-all";

    private final ApplicationEventPublisher localListeners;
    private final EventCodec codec;
    private final ClusterBusProperties properties;
    private final String node = "bus-" + Ids.next();
    private final String ownPrefix;
    private final AtomicLong epochs = new AtomicLong();
    private volatile Scheduler serial;
    private volatile RedisLink link;
    private final Map<Topic, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Set<String> orphans = new HashSet<>();
    private final UnsentTopics unsent = new UnsentTopics(MAX_UNSENT_TOPICS);
    private volatile long liveEpoch;
    private StatefulRedisPubSubConnection<String, String> connection;
    private Disposable reconcile;

    public RedisClusterBus(ClusterBusProperties properties, EventCodec codec, ApplicationEventPublisher localListeners) {
        this.properties = properties;
        this.codec = codec;
        this.localListeners = localListeners;
        this.ownPrefix = codec.prefixOf(node);
    }

    @Override
    public Mono<Void> publish(ClusterEvent event) {
        return Mono.fromRunnable(() -> {
            localListeners.publishEvent(event);
            for (Topic topic : event.topics()) {
                Channel channel = channels.get(topic);
                if (channel != null) {
                    channel.subscribers.forEach(subscription -> subscription.offer(event));
                }
            }
            String payload = codec.encode(node, event);
            RedisLink current = link;
            if (payload == null || current == null) {
                skipped.incrementAndGet();
                return;
            }
            for (Topic topic : event.topics()) {
                if (current.publish(properties.channelPrefix() + topic.name(), payload, () -> unsent.add(topic))) {
                    published.incrementAndGet();
                }
                else {
                    dropped.incrementAndGet();
                    unsent.add(topic);
                }
            }
        });
    }

    @Override
    public Flux<ClusterEvent> subscribe(Topic topic, int buffer) {
        return BoundedSubscription.open(topic, buffer, this::register, this::unregister);
    }

    private void register(BoundedSubscription subscription) {
        Topic topic = subscription.topic();
        Channel[] created = {null};
        Channel channel = channels.compute(topic, (t, existing) -> {
            Channel c = existing != null ? existing : (created[0] = new Channel(t, properties.channelPrefix() + t.name()));
            c.subscribers.add(subscription);
            return c;
        });
        // Read after joining: either this sees the channel live, or markLive sees this subscriber.
        long epoch = channel.liveEpoch;
        if (epoch != 0 && epoch == liveEpoch) {
            subscription.ready(epoch);
        }
        if (created[0] != null) {
            onSerial(() -> subscribeNow(List.of(created[0])));
        }
    }

    private void unregister(BoundedSubscription subscription) {
        boolean[] emptied = {false};
        Channel removed = channels.get(subscription.topic());
        channels.computeIfPresent(subscription.topic(), (t, c) -> {
            c.subscribers.remove(subscription);
            emptied[0] = c.subscribers.isEmpty();
            return emptied[0] ? null : c;
        });
        if (emptied[0]) {
            onSerial(() -> unsubscribeNow(removed));
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
                        () -> onSerial(() -> markLive(wanted, epoch)));
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
        if (channel == null || channels.containsKey(channel.topic) || connection == null) {
            return;
        }
        connection.reactive().sunsubscribe(channel.name)
                .subscribe(null, error -> onSerial(() -> orphans.add(channel.name)));
    }

    /** Serial, every second: re-asks for what Redis has not confirmed and leaves what failed to be left. */
    private void reconcile() {
        resync();
        StatefulRedisPubSubConnection<String, String> current = connection;
        if (current == null) {
            return;
        }
        long stale = System.nanoTime() - properties.commandTimeout().toNanos();
        List<Channel> unconfirmed = channels.values().stream()
                .filter(c -> c.liveEpoch != liveEpoch && c.requestedAt - stale < 0).toList();
        batches(unconfirmed).forEach(this::subscribeNow);
        if (!orphans.isEmpty()) {
            List<String> leave = orphans.stream()
                    .filter(name -> !channels.containsKey(new Topic(name.substring(properties.channelPrefix().length())))).toList();
            orphans.clear();
            if (!leave.isEmpty()) {
                current.reactive().sunsubscribe(leave.toArray(String[]::new))
                        .subscribe(null, error -> onSerial(() -> orphans.addAll(leave)));
            }
        }
    }

    /**
     * Serial: once Redis takes publishes again, tells the subscribers of every topic whose events
     * this node failed to send to catch up from the database (see {@link UnsentTopics}).
     */
    private void resync() {
        RedisLink current = link;
        if (current == null || !current.publishing()) {
            return;
        }
        String marker = RESYNC + node;
        if (unsent.takeOverflow() && !current.publish(properties.channelPrefix() + RESYNC_ALL, marker, unsent::overflow)) {
            unsent.overflow();
        }
        for (Topic topic : unsent.drain()) {
            if (!current.publish(properties.channelPrefix() + topic.name(), marker, () -> unsent.add(topic))) {
                unsent.add(topic);
            }
        }
    }

    /** A resync marker from another node: the subscribers of {@code channel} (or of every channel) catch up. */
    private void resynced(String name, String payload) {
        if (payload.substring(RESYNC.length()).equals(node)) {
            return;
        }
        List<Channel> affected;
        if (name.equals(properties.channelPrefix() + RESYNC_ALL)) {
            affected = List.copyOf(channels.values());
        }
        else {
            Channel channel = channelOf(name);
            affected = channel == null ? List.of() : List.of(channel);
        }
        affected.forEach(channel -> channel.subscribers.forEach(BoundedSubscription::resync));
    }

    @Override
    public void connected(long epoch, StatefulRedisPubSubConnection<String, String> fresh) {
        connection = fresh;
        liveEpoch = epoch;
        fresh.reactive().ssubscribe(properties.channelPrefix() + RESYNC_ALL)
                .subscribe(null, error -> log.debug("Following resyncs failed; the connection is reopened anyway: {}", error.toString()));
        // A new connection subscribes to nothing: ask for everything, and nothing needs leaving.
        orphans.clear();
        batches(List.copyOf(channels.values())).forEach(this::subscribeNow);
    }

    @Override
    public void disconnected() {
        connection = null;
        liveEpoch = 0;
    }

    @Override
    public void message(long epoch, String name, String payload) {
        if (payload.startsWith(RESYNC)) {
            resynced(name, payload);
            return;
        }
        Channel channel = channelOf(name);
        if (channel == null || payload.startsWith(ownPrefix)) {
            return;
        }
        EventCodec.Decoded decoded = codec.decode(payload);
        if (decoded == null) {
            skipped.incrementAndGet();
            return;
        }
        if (node.equals(decoded.node())) {
            return;
        }
        received.incrementAndGet();
        channel.subscribers.forEach(subscription -> subscription.offer(decoded.event()));
    }

    private Channel channelOf(String name) {
        if (!name.startsWith(properties.channelPrefix())) {
            return null;
        }
        try {
            return channels.get(new Topic(name.substring(properties.channelPrefix().length())));
        }
        catch (IllegalArgumentException notATopic) {
            return null;
        }
    }

    private static List<List<Channel>> batches(List<Channel> all) {
        List<List<Channel>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SUBSCRIBE_BATCH) {
            batches.add(all.subList(i, Math.min(all.size(), i + SUBSCRIBE_BATCH)));
        }
        return batches;
    }

    /** Runs {@code task} on the serial scheduler; dropped when the bus is stopped (a restart subscribes everything anyway). */
    private void onSerial(Runnable task) {
        Scheduler current = serial;
        if (current != null) {
            try {
                current.schedule(task);
            }
            catch (java.util.concurrent.RejectedExecutionException stopped) {
                // Stopped meanwhile.
            }
        }
    }

    /** Connects; may follow a {@link #stop} (a paused test context restarts), keeping every subscription. */
    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Scheduler fresh = Schedulers.newSingle("parley-bus");
        serial = fresh;
        link = new RedisLink(properties, fresh, this, epochs);
        link.start();
        reconcile = fresh.schedulePeriodically(this::reconcile, RECONCILE_MILLIS, RECONCILE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop(Runnable callback) {
        Disposable r = reconcile;
        RedisLink l = link;
        Scheduler s = serial;
        reconcile = null;
        link = null;
        serial = null;
        liveEpoch = 0;
        connection = null;
        if (r != null) {
            r.dispose();
        }
        if (l == null) {
            callback.run();
            return;
        }
        l.stop().doFinally(signal -> {
            s.dispose();
            callback.run();
        }).subscribe();
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public boolean isRunning() {
        return link != null;
    }

    /** Started before, and stopped after, everything that subscribes or publishes. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1_000;
    }

    /** Whether the subscription connection is up; events from other nodes arrive only then. */
    public boolean connected() {
        RedisLink current = link;
        return current != null && current.connected();
    }

    /** Counts since start: sent to Redis, dropped for want of Redis, received from other nodes, skipped as unreadable. */
    public long[] counts() {
        return new long[] {published.get(), dropped.get(), received.get(), skipped.get()};
    }

    /** How many topics this node follows in Redis. */
    public int topicCount() {
        return channels.size();
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
