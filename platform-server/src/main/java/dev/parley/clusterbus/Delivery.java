package dev.parley.clusterbus;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;

/**
 * A {@link BoundedSubscription}'s side towards its consumer: a multi-producer queue drained by
 * whichever thread gets there first (the usual work-in-progress loop), so events reach the
 * consumer one at a time, in order, and only as requested; the owner's failure overtakes whatever
 * is still queued and ends delivery. {@link #offer} may be called from any thread.
 */
final class Delivery implements Subscription {

    private final BoundedSubscription owner;
    private final CoreSubscriber<? super ClusterEvent> consumer;
    private final Queue<ClusterEvent> queue = Queues.<ClusterEvent>unboundedMultiproducer().get();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private volatile boolean cancelled;

    Delivery(BoundedSubscription owner, CoreSubscriber<? super ClusterEvent> consumer) {
        this.owner = owner;
        this.consumer = consumer;
    }

    void offer(ClusterEvent event) {
        queue.offer(event);
        drain();
    }

    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            requested.accumulateAndGet(n, Operators::addCap);
            drain();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        owner.release();
        // Like a terminal drain, leaves wip raised: nothing is delivered after a cancel.
        if (wip.getAndIncrement() == 0) {
            queue.clear();
        }
    }

    /** Delivers what is queued and wanted; also how the owner's failure gets delivered. */
    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            long wanted = requested.get();
            long sent = 0;
            while (true) {
                if (cancelled) {
                    queue.clear();
                    return;
                }
                Throwable error = owner.failure();
                if (error != null) {
                    // Terminal: wip stays raised, so nothing follows the error.
                    queue.clear();
                    owner.release();
                    consumer.onError(error);
                    return;
                }
                if (sent == wanted) {
                    break;
                }
                ClusterEvent next = queue.poll();
                if (next == null) {
                    break;
                }
                owner.taken();
                consumer.onNext(next);
                sent++;
            }
            if (sent != 0 && wanted != Long.MAX_VALUE) {
                requested.addAndGet(-sent);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}
