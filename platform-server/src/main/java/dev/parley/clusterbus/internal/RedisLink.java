package dev.parley.clusterbus.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.parley.clusterbus.ClusterBusProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A node's two connections to Redis. The publishing one is {@link RedisPublisher}'s. The
 * subscribing one is reopened by this class after every loss, so each connection starts with no
 * subscriptions and the bus subscribes everything afresh: one connection is one <em>epoch</em>.
 *
 * <p>Connection state changes run on {@code serial}, one at a time; {@link #publish} may be called
 * from any thread and never blocks.
 */
final class RedisLink {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    /** What the bus hears from the subscribing connection. Called on the serial scheduler, except {@link #message}. */
    interface Events {

        /** A new subscribing connection, empty, is open. */
        void connected(long epoch, StatefulRedisPubSubConnection<String, String> connection);

        /** The subscribing connection is gone; nothing is delivered until the next {@link #connected}. */
        void disconnected();

        /** A message arrived on a subscribed channel; called on a Redis I/O thread. */
        void message(long epoch, String channel, String payload);
    }

    private final ClusterBusProperties properties;
    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisPublisher publisher;
    private final RedisClient subscribing;
    private final Scheduler serial;
    private final Events events;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile boolean running;
    private final AtomicLong epochs;
    private int failures;
    private Disposable pings;

    /** {@code epochs} numbers connections; shared by successive links, so a restarted bus never reuses a number. */
    RedisLink(ClusterBusProperties properties, Scheduler serial, Events events, AtomicLong epochs) {
        this.epochs = epochs;
        this.properties = properties;
        this.uri = RedisURI.create(properties.url());
        this.serial = serial;
        this.events = events;
        // Lettuce reconnects the publishing connection itself; its default backoff grows to 30 s,
        // far behind the subscription's, and every publish meanwhile is lost to the other nodes.
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(properties.reconnectMinDelay(), properties.reconnectMaxDelay(), 2, TimeUnit.MILLISECONDS))
                .build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(properties.commandTimeout()).keepAlive(true).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(properties.commandTimeout());
        this.publisher = new RedisPublisher(properties, uri, resources, socket, serial);
        this.subscribing = RedisClient.create(resources, uri);
        this.subscribing.setOptions(ClientOptions.builder().socketOptions(socket).timeoutOptions(timeouts)
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.subscribing.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                serial.schedule(() -> lost(connection, "closed"));
            }
        });
    }

    void start() {
        running = true;
        publisher.start();
        serial.schedule(this::connectSubscriber);
        pings = serial.schedulePeriodically(this::ping, properties.pingInterval().toMillis(), properties.pingInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** See {@link RedisPublisher#publish}. */
    boolean publish(String channel, String payload, Runnable failed) {
        return publisher.publish(channel, payload, failed);
    }

    /** See {@link RedisPublisher#flush}. */
    void flush() {
        publisher.flush();
    }

    /** Whether publishes can be sent now. */
    boolean publishing() {
        return publisher.publishing();
    }

    boolean connected() {
        StatefulRedisPubSubConnection<String, String> connection = subscriber;
        return connection != null && connection.isOpen();
    }

    /** Closes both connections and releases Lettuce's threads; completes when they are gone, never with an error. */
    Mono<Void> stop() {
        running = false;
        return Mono.<Void>fromRunnable(() -> {
                    if (pings != null) {
                        pings.dispose();
                    }
                    close(subscriber);
                    subscriber = null;
                })
                .subscribeOn(serial)
                .then(Mono.defer(publisher::stop))
                .then(Mono.fromCompletionStage(() -> subscribing.shutdownAsync(0, 2, TimeUnit.SECONDS)))
                .then(Mono.<Void>create(sink -> resources.shutdown(0, 2, TimeUnit.SECONDS).addListener(done -> sink.success())))
                .onErrorResume(e -> {
                    log.debug("Closing the Redis connections failed: {}", e.toString());
                    return Mono.empty();
                });
    }

    private static void close(io.lettuce.core.api.StatefulConnection<?, ?> connection) {
        if (connection != null && connection.isOpen()) {
            connection.closeAsync();
        }
    }

    private void connectSubscriber() {
        if (!running || subscriber != null) {
            return;
        }
        subscribing.connectPubSubAsync(StringCodec.UTF8, uri).whenComplete((connection, error) -> serial.schedule(() -> {
            if (error != null) {
                retry("Redis is unreachable for subscriptions; retrying", error);
                return;
            }
            if (!running || !connection.isOpen()) {
                connection.closeAsync();
                retry("The new Redis connection closed at once; retrying", null);
                return;
            }
            failures = 0;
            long current = epochs.incrementAndGet();
            subscriber = connection;
            // Not reactive().observeChannels(): in Lettuce 6.8 it only sees SUBSCRIBE's messages, its
            // listener leaves smessage (sharded pub/sub) to RedisPubSubAdapter's no-op.
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void smessage(String channel, String message) {
                    events.message(current, channel, message);
                }
            });
            log.info("Cluster bus connected to Redis at {}:{}", uri.getHost(), uri.getPort());
            events.connected(current, connection);
        }));
    }

    /** Called on the serial scheduler when a subscribing connection broke or was found dead. */
    private void lost(Object connection, String why) {
        if (connection == null || connection != subscriber) {
            return;
        }
        subscriber = null;
        epochs.incrementAndGet();
        ((StatefulRedisPubSubConnection<?, ?>) connection).closeAsync();
        if (running) {
            log.warn("Cluster bus lost its Redis subscription connection ({}); reconnecting", why);
            events.disconnected();
            retry(null, null);
        }
    }

    private void retry(String message, Throwable error) {
        if (!running) {
            return;
        }
        if (message != null && failures == 0) {
            log.warn("{}: {}", message, error == null ? "" : error.toString());
        }
        long min = properties.reconnectMinDelay().toMillis();
        long delay = Math.min(properties.reconnectMaxDelay().toMillis(), min << Math.min(failures, 20));
        failures++;
        serial.schedule(this::connectSubscriber, delay, TimeUnit.MILLISECONDS);
    }

    private void ping() {
        StatefulRedisPubSubConnection<String, String> connection = subscriber;
        if (connection == null) {
            return;
        }
        Duration timeout = properties.commandTimeout();
        connection.reactive().ping().timeout(timeout).subscribe(null, error -> serial.schedule(() -> lost(connection, "no answer to PING")));
    }

}
