package dev.parley.clusterbus.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.SlowSubscriberException;
import dev.parley.clusterbus.Topic;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One subscriber's view of a topic, holding at most {@code buffer} events its consumer has not
 * taken yet. One more and the subscription fails at once with {@link SlowSubscriberException},
 * dropping what it held: Reactor's {@code onBackpressureBuffer(n, …, ERROR)} would instead deliver
 * that error only after a consumer that has stopped reading drained the buffer, which is never.
 * {@link #offer} is thread-safe.
 */
final class BoundedSubscription {

    private final Topic topic;
    private final int buffer;
    private final AtomicLong pending = new AtomicLong();
    private final Sinks.Empty<Void> overflow = Sinks.empty();
    private volatile boolean overflowed;
    private volatile FluxSink<ClusterEvent> sink;

    private BoundedSubscription(Topic topic, int buffer) {
        this.topic = topic;
        this.buffer = buffer;
    }

    /**
     * The subscription's events, starting with {@link BusReady}. {@code register} is called with
     * the subscription when it starts, {@code unregister} when it ends for any reason.
     */
    static Flux<ClusterEvent> open(Topic topic, int buffer, Consumer<BoundedSubscription> register,
            Consumer<BoundedSubscription> unregister) {
        return Flux.defer(() -> {
            BoundedSubscription subscription = new BoundedSubscription(topic, buffer);
            Flux<ClusterEvent> events = Flux.<ClusterEvent>create(sink -> {
                        subscription.sink = sink;
                        sink.onDispose(() -> unregister.accept(subscription));
                        register.accept(subscription);
                        subscription.offer(new BusReady(topic));
                    })
                    .doOnNext(taken -> subscription.pending.decrementAndGet());
            return events.takeUntilOther(subscription.overflow.asMono())
                    .concatWith(Mono.defer(() -> subscription.overflowed
                            ? Mono.error(new SlowSubscriberException(topic, buffer)) : Mono.empty()));
        });
    }

    /** Hands the event to the consumer, or ends the subscription when it is already {@code buffer} behind. */
    void offer(ClusterEvent event) {
        if (overflowed) {
            return;
        }
        if (pending.incrementAndGet() > buffer) {
            overflowed = true;
            overflow.tryEmitEmpty();
            return;
        }
        FluxSink<ClusterEvent> target = sink;
        if (target != null) {
            target.next(event);
        }
    }

    Topic topic() {
        return topic;
    }
}
