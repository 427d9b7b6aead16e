package dev.parley.clusterbus.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.parley.clusterbus.ClusterBusProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@link RedisLink}'s publishing connection. Lettuce reconnects it and refuses commands while it is
 * down (a publish then is lost, which subscribers recover from); at most
 * {@code publishBacklog} publishes wait for Redis at once. Connection changes run on {@code serial};
 * {@link #publish} may be called from any thread and never blocks.
 */
final class RedisPublisher {

    private static final Logger log = LoggerFactory.getLogger(RedisPublisher.class);

    private final ClusterBusProperties properties;
    private final RedisURI uri;
    private final RedisClient client;
    private final Scheduler serial;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean running;

    RedisPublisher(ClusterBusProperties properties, RedisURI uri, ClientResources resources, SocketOptions socket, Scheduler serial) {
        this.properties = properties;
        this.uri = uri;
        this.serial = serial;
        this.client = RedisClient.create(resources, uri);
        this.client.setOptions(ClientOptions.builder().socketOptions(socket)
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(properties.publishBacklog())
                .build());
    }

    void start() {
        running = true;
        serial.schedule(this::connect);
    }

    /**
     * Queues one message for the next {@link #flush}; false when it was dropped (no connection,
     * backlog full). When Redis later fails it (a timeout, a broken connection), {@code failed} runs
     * on a Redis I/O thread.
     */
    boolean publish(String channel, String payload, Runnable failed) {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null || !current.isOpen()) {
            return false;
        }
        if (inFlight.incrementAndGet() > properties.publishBacklog()) {
            inFlight.decrementAndGet();
            return false;
        }
        current.async().spublish(channel, payload).whenComplete((receivers, error) -> {
            inFlight.decrementAndGet();
            if (error != null) {
                log.debug("A publish to {} failed; subscribers recover from the database: {}", channel, error.toString());
                failed.run();
            }
        });
        return true;
    }

    /**
     * Writes every queued message to Redis at once. Each publishing call flushes after queueing, so
     * nothing waits for another thread's flush; concurrent flushes are safe (Lettuce drains its
     * buffer under its own lock) and one may carry another thread's messages along.
     */
    void flush() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.flushCommands();
        }
    }

    /** Whether publishes can be sent now. */
    boolean publishing() {
        StatefulRedisConnection<String, String> current = connection;
        return current != null && current.isOpen();
    }

    /** Run on {@code serial}: closes the connection; the returned shutdown completes when the client is gone. */
    Mono<Void> stop() {
        running = false;
        StatefulRedisConnection<String, String> current = connection;
        connection = null;
        if (current != null && current.isOpen()) {
            current.closeAsync();
        }
        return Mono.fromCompletionStage(() -> client.shutdownAsync(0, 2, TimeUnit.SECONDS)).then();
    }

    private void connect() {
        if (!running) {
            return;
        }
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((fresh, error) -> serial.schedule(() -> {
            if (error != null) {
                log.debug("Redis is unreachable for publishing; retrying: {}", error.toString());
                serial.schedule(this::connect, properties.reconnectMaxDelay().toMillis(), TimeUnit.MILLISECONDS);
            }
            else if (!running) {
                fresh.closeAsync();
            }
            else {
                // Publishers queue and then flush once per call: one write, one system call and
                // one hand-over to the I/O thread for a whole batch instead of one per message.
                fresh.setAutoFlushCommands(false);
                connection = fresh;
            }
        }));
    }
}
