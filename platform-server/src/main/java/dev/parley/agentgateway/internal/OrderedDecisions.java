package dev.parley.agentgateway.internal;

import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.security.AgentPrincipal;
import org.reactivestreams.Subscription;
import reactor.core.Exceptions;
import reactor.core.Fuseable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.util.concurrent.Queues;

/**
 * Decides who sees each event of a feed and hands the events on with their audiences in the
 * feed's order, with up to {@code concurrency} decisions under way at once. A decision given as a
 * value ({@code Mono.just}, the common case of a snapshot already held) costs no subscription:
 * {@code flatMapSequential} subscribed an inner operator and queue for every event, a fifth of
 * the inbox feeds' cost per message.
 *
 * <p>{@code dispatch} runs one event at a time, in order, on whichever thread finished the decision
 * it waited for; the first failed decision calls {@code fail} once and cancels the feed, and the
 * feed's end calls {@code completed}. Nothing here blocks.
 */
final class OrderedDecisions extends BaseSubscriber<ClusterEvent> {

    private static final Predicate<AgentPrincipal> NOBODY = agent -> false;

    private final Function<ClusterEvent, Mono<Predicate<AgentPrincipal>>> audiences;
    private final int concurrency;
    private final BiConsumer<ClusterEvent, Predicate<AgentPrincipal>> dispatch;
    private final Consumer<Throwable> fail;
    private final Runnable completed;
    // One producer (the feed's onNext, serialised) and one consumer (the drain loop).
    private final Queue<Slot> slots = Queues.<Slot>unbounded().get();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();

    OrderedDecisions(Function<ClusterEvent, Mono<Predicate<AgentPrincipal>>> audiences, int concurrency,
            BiConsumer<ClusterEvent, Predicate<AgentPrincipal>> dispatch, Consumer<Throwable> fail, Runnable completed) {
        this.audiences = audiences;
        this.concurrency = concurrency;
        this.dispatch = dispatch;
        this.fail = fail;
        this.completed = completed;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(concurrency);
    }

    @Override
    protected void hookOnNext(ClusterEvent event) {
        Slot slot = new Slot(event);
        Mono<Predicate<AgentPrincipal>> decision = audiences.apply(event);
        if (decision instanceof Fuseable.ScalarCallable<?>) {
            try {
                slot.audience = valueOf(decision);
            }
            catch (Throwable error) {
                // Mono.error is a ScalarCallable too: its call throws the error.
                failed(Exceptions.unwrap(error));
                return;
            }
        }
        slots.offer(slot);
        if (slot.audience == null) {
            decision.subscribe(audience -> decided(slot, audience), this::failed, () -> decided(slot, NOBODY));
        }
        drain();
    }

    @Override
    protected void hookOnError(Throwable error) {
        failed(error);
    }

    @Override
    protected void hookOnComplete() {
        if (ended.compareAndSet(false, true)) {
            completed.run();
        }
    }

    private void decided(Slot slot, Predicate<AgentPrincipal> audience) {
        if (slot.audience == null) {
            slot.audience = audience;
            drain();
        }
    }

    private void failed(Throwable error) {
        if (ended.compareAndSet(false, true)) {
            dispose();
            fail.accept(error);
            drain();
        }
    }

    /** Hands on the decided events at the head, in order; one thread at a time, the others leave it work. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            int handed = 0;
            Slot head;
            while (!ended.get() && (head = slots.peek()) != null && head.audience != null) {
                slots.poll();
                dispatch.accept(head.event, head.audience);
                handed++;
            }
            if (ended.get()) {
                slots.clear();
            }
            else if (handed > 0) {
                request(handed);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** The decision's value; an empty one is nobody. */
    @SuppressWarnings("unchecked")
    private static Predicate<AgentPrincipal> valueOf(Mono<Predicate<AgentPrincipal>> decision) throws Exception {
        Predicate<AgentPrincipal> audience = ((Callable<Predicate<AgentPrincipal>>) decision).call();
        return audience != null ? audience : NOBODY;
    }

    private static final class Slot {

        final ClusterEvent event;
        // Set once, by the decision; read by the drain loop.
        volatile Predicate<AgentPrincipal> audience;

        Slot(ClusterEvent event) {
            this.event = event;
        }
    }
}
