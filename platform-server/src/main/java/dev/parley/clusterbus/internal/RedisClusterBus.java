package dev.parley.clusterbus.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>Which channels are followed is {@link RedisChannels}' business, the markers {@link Resyncs}',
 * the connections {@link RedisLink}'s, the events on the wire and their counts {@link RedisTraffic}'s.
 * Subscription bookkeeping and Redis commands run on one serial scheduler, so commands for a
 * channel reach Redis in the order they were decided; delivery runs on the publishing thread or
 * Lettuce's I/O thread and only reads. Thread-safe.
 */
public class RedisClusterBus implements ClusterBus, SmartLifecycle, RedisLink.Events {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterBus.class);

    /** How often unconfirmed subscriptions, failed unsubscriptions and unsent resyncs are retried. */
    private static final long RECONCILE_MILLIS = 1_000;

    private final ApplicationEventPublisher localListeners;
    private final ClusterBusProperties properties;
    private final String node = "bus-" + Ids.next();
    private final AtomicLong epochs = new AtomicLong();
    private final RedisChannels channels;
    private final Resyncs resyncs;
    private final RedisTraffic traffic;
    private volatile Scheduler serial;
    private volatile RedisLink link;
    private Disposable reconcile;

    public RedisClusterBus(ClusterBusProperties properties, EventCodec codec, ApplicationEventPublisher localListeners) {
        this.properties = properties;
        this.localListeners = localListeners;
        this.channels = new RedisChannels(properties.channelPrefix(), properties.commandTimeout(), this::onSerial);
        this.resyncs = new Resyncs(node, properties.channelPrefix());
        this.traffic = new RedisTraffic(codec, node, properties.channelPrefix(), resyncs);
    }

    @Override
    public Mono<Void> publish(ClusterEvent event) {
        return publishAll(List.of(event));
    }

    /** One write to Redis for all of them: a batch of committed messages costs one system call, not two per message. */
    @Override
    public Mono<Void> publishAll(List<? extends ClusterEvent> events) {
        return Mono.fromRunnable(() -> {
            RedisLink current = link;
            for (ClusterEvent event : events) {
                localListeners.publishEvent(event);
                for (Topic topic : event.topics()) {
                    channels.subscribers(topic).forEach(subscription -> subscription.offer(event));
                }
                traffic.send(event, current);
            }
            if (current != null) {
                current.flush();
            }
        });
    }

    @Override
    public Flux<ClusterEvent> subscribe(Topic topic, int buffer) {
        return BoundedSubscription.open(topic, buffer, channels::register, channels::unregister);
    }

    /** Serial, every second: sends the resyncs owed, then retries what Redis has not done. */
    private void reconcile() {
        resyncs.send(link);
        channels.reconcile();
    }

    @Override
    public void connected(long epoch, StatefulRedisPubSubConnection<String, String> fresh) {
        fresh.reactive().ssubscribe(resyncs.allChannel())
                .subscribe(null, error -> log.debug("Following resyncs failed; the connection is reopened anyway: {}", error.toString()));
        channels.connected(epoch, fresh);
    }

    @Override
    public void disconnected() {
        channels.disconnected();
    }

    @Override
    public void message(long epoch, String name, String payload) {
        if (Resyncs.isMarker(payload)) {
            resyncs.received(name, payload, channels);
            return;
        }
        Set<BoundedSubscription> subscribers = channels.subscribersOf(name);
        if (subscribers.isEmpty()) {
            return;
        }
        ClusterEvent event = traffic.receive(payload);
        if (event != null) {
            subscribers.forEach(subscription -> subscription.offer(event));
        }
    }

    /** Runs {@code task} on the serial scheduler; dropped when the bus is stopped (a restart subscribes everything anyway). */
    private void onSerial(Runnable task) {
        Scheduler current = serial;
        if (current != null) {
            try {
                current.schedule(task);
            }
            catch (RejectedExecutionException stopped) {
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
        channels.disconnected();
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
        return traffic.counts();
    }

    /** How many topics this node follows in Redis. */
    public int topicCount() {
        return channels.size();
    }
}
