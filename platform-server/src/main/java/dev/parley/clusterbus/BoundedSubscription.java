package dev.parley.clusterbus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One subscriber's view of a topic, holding at most {@code buffer} events its consumer has not
 * taken yet. One more and the subscription fails at once with {@link SlowSubscriberException},
 * dropping what it held: Reactor's {@code onBackpressureBuffer(n, …, ERROR)} would instead deliver
 * that error only after a consumer that has stopped reading drained the buffer, which is never.
 *
 * <p>The bus calls {@link #ready} once the transport delivers the topic, and again after every
 * recovery. Events offered before the first one wait (within the same bound) and follow its
 * {@link BusReady}, so a subscription always starts with it. A module that fans one bus
 * subscription out to many local consumers (the agents' inboxes) gives each of them one of these,
 * so every consumer keeps the same contract. {@link #offer}, {@link #ready}, {@link #resync} and
 * {@link #fail} are thread-safe.
 */
public final class BoundedSubscription {

    private final Topic topic;
    private final int buffer;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong readyEpoch = new AtomicLong();
    private final Sinks.Empty<Void> overflow = Sinks.empty();
    private final Object lock = new Object();
    private List<ClusterEvent> early = new ArrayList<>();
    private volatile boolean live;
    private volatile boolean overflowed;
    private volatile Throwable failure;
    private volatile FluxSink<ClusterEvent> sink;

    private BoundedSubscription(Topic topic, int buffer) {
        this.topic = topic;
        this.buffer = buffer;
    }

    /**
     * The subscription's events, starting with {@link BusReady}. {@code register} is called with
     * the subscription when it starts, {@code unregister} when it ends for any reason.
     */
    public static Flux<ClusterEvent> open(Topic topic, int buffer, Consumer<BoundedSubscription> register,
            Consumer<BoundedSubscription> unregister) {
        return Flux.defer(() -> {
            BoundedSubscription subscription = new BoundedSubscription(topic, buffer);
            Flux<ClusterEvent> events = Flux.<ClusterEvent>create(sink -> {
                        subscription.sink = sink;
                        sink.onDispose(() -> unregister.accept(subscription));
                        register.accept(subscription);
                    })
                    .doOnNext(taken -> subscription.pending.decrementAndGet());
            return events.takeUntilOther(subscription.overflow.asMono())
                    .concatWith(Mono.defer(() -> subscription.overflowed
                            ? Mono.error(subscription.failure) : Mono.empty()));
        });
    }

    /** Hands the event to the consumer, or ends the subscription when it is already {@code buffer} behind. */
    public void offer(ClusterEvent event) {
        if (!live) {
            synchronized (lock) {
                if (!live) {
                    if (early.size() >= buffer) {
                        overflow();
                    }
                    else if (!overflowed) {
                        early.add(event);
                    }
                    return;
                }
            }
        }
        push(event);
    }

    /**
     * Signals {@link BusReady}: the topic is delivered from now on. Once per {@code epoch} (a
     * transport connection, say); a later epoch signals it again.
     */
    public void ready(long epoch) {
        if (readyEpoch.getAndAccumulate(epoch, Math::max) >= epoch) {
            return;
        }
        if (!live) {
            synchronized (lock) {
                if (!live) {
                    push(new BusReady(topic));
                    early.forEach(this::push);
                    early = null;
                    live = true;
                    return;
                }
            }
        }
        push(new BusReady(topic));
    }

    /**
     * Signals {@link BusReady} again within the same epoch: events of this topic published
     * elsewhere may have been lost (a publish that failed on another node, say). Before the first ready, nothing:
     * that one is still to come and covers it.
     */
    public void resync() {
        if (live) {
            push(new BusReady(topic));
        }
    }

    private void push(ClusterEvent event) {
        if (overflowed) {
            return;
        }
        if (pending.incrementAndGet() > buffer) {
            overflow();
            return;
        }
        FluxSink<ClusterEvent> target = sink;
        if (target != null) {
            target.next(event);
        }
    }

    /** Ends the subscription with {@code error}, dropping what it held; later calls change nothing. */
    public void fail(Throwable error) {
        synchronized (lock) {
            if (overflowed) {
                return;
            }
            failure = error;
            overflowed = true;
        }
        overflow.tryEmitEmpty();
    }

    private void overflow() {
        fail(new SlowSubscriberException(topic, buffer));
    }

    public Topic topic() {
        return topic;
    }
}
