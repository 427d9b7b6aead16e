package dev.parley.clusterbus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

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
 *
 * <p>One operator, not a chain: a console's share of every account event passes through here, a
 * hundred times per event with a hundred consoles, and {@code Flux.create} with
 * {@code takeUntilOther} and {@code concatWith} cost two queues and five subscribers per event.
 */
public final class BoundedSubscription {

    private final Topic topic;
    private final int buffer;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong readyEpoch = new AtomicLong();
    private final Object lock = new Object();
    private final Delivery delivery;
    private final AtomicBoolean registered = new AtomicBoolean();
    private final Consumer<BoundedSubscription> unregister;
    private List<ClusterEvent> early = new ArrayList<>();
    private volatile boolean live;
    private volatile Throwable failure;

    private BoundedSubscription(Topic topic, int buffer, CoreSubscriber<? super ClusterEvent> consumer,
            Consumer<BoundedSubscription> unregister) {
        this.topic = topic;
        this.buffer = buffer;
        this.unregister = unregister;
        this.delivery = new Delivery(this, consumer);
    }

    /**
     * The subscription's events, starting with {@link BusReady}. {@code register} is called with
     * the subscription when it starts, {@code unregister} once when it ends for any reason (a
     * cancel, a failure). Never completes: it ends only with an error or a cancel.
     */
    public static Flux<ClusterEvent> open(Topic topic, int buffer, Consumer<BoundedSubscription> register,
            Consumer<BoundedSubscription> unregister) {
        return new Opened(topic, buffer, register, unregister);
    }

    /** Hands the event to the consumer, or ends the subscription when it is already {@code buffer} behind. */
    public void offer(ClusterEvent event) {
        if (!live) {
            synchronized (lock) {
                if (!live) {
                    if (early.size() >= buffer) {
                        overflow();
                    }
                    else if (failure == null) {
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
        if (failure != null) {
            return;
        }
        if (pending.incrementAndGet() > buffer) {
            overflow();
            return;
        }
        delivery.offer(event);
    }

    /** Ends the subscription with {@code error}, dropping what it held; later calls change nothing. */
    public void fail(Throwable error) {
        synchronized (lock) {
            if (failure != null) {
                return;
            }
            failure = error;
        }
        delivery.drain();
    }

    private void overflow() {
        fail(new SlowSubscriberException(topic, buffer));
    }

    /** Unregisters once, and only what {@code register} saw. */
    void release() {
        if (registered.compareAndSet(true, false)) {
            unregister.accept(this);
        }
    }

    /** The failure that ends the subscription, or null while it runs. */
    Throwable failure() {
        return failure;
    }

    /** The consumer took one event off the buffer. */
    void taken() {
        pending.decrementAndGet();
    }

    public Topic topic() {
        return topic;
    }

    /** Subscribing opens a fresh subscription for that subscriber. */
    private static final class Opened extends Flux<ClusterEvent> {

        private final Topic topic;
        private final int buffer;
        private final Consumer<BoundedSubscription> register;
        private final Consumer<BoundedSubscription> unregister;

        Opened(Topic topic, int buffer, Consumer<BoundedSubscription> register, Consumer<BoundedSubscription> unregister) {
            this.topic = topic;
            this.buffer = buffer;
            this.register = register;
            this.unregister = unregister;
        }

        @Override
        public void subscribe(CoreSubscriber<? super ClusterEvent> consumer) {
            BoundedSubscription subscription = new BoundedSubscription(topic, buffer, consumer, unregister);
            consumer.onSubscribe(subscription.delivery);
            register.accept(subscription);
            subscription.registered.set(true);
            // A cancel or a failure during register found nothing to unregister yet.
            if (subscription.delivery.cancelled() || subscription.failure != null) {
                subscription.release();
            }
        }
    }
}
