package dev.parley.storage.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * A {@link Flux} whose source is read to its end even when the subscriber cancels: the cancel
 * never reaches the source; instead everything left is requested, each remaining item goes to
 * {@code leftover} (then to the subscriber's discard hook), and the source's completion or error is
 * dropped. An item handed out as the subscriber cancelled, which it may have dropped unread, goes
 * to {@code leftover} too, and with {@code recall} so does every item handed out before: {@code
 * leftover} must tolerate an item the subscriber did read, or one it sees twice. {@code drains}
 * hears of a drain as it starts and as it stops. Signals arrive on the source's threads.
 */
final class ReadToEnd<T> extends Flux<T> {

    private final Publisher<? extends T> source;

    private final Consumer<? super T> leftover;

    private final boolean recall;

    private final Drains drains;

    private ReadToEnd(Publisher<? extends T> source, Consumer<? super T> leftover, boolean recall, Drains drains) {
        this.source = source;
        this.leftover = leftover;
        this.recall = recall;
        this.drains = drains;
    }

    static <T> Flux<T> of(Publisher<? extends T> source, Consumer<? super T> leftover, boolean recall, Drains drains) {
        return new ReadToEnd<>(source, leftover, recall, drains);
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        source.subscribe(new Reader<>(actual, leftover, recall ? new ConcurrentLinkedQueue<>() : null, drains));
    }

    /** Passing on, then draining once the subscriber cancelled, then done. */
    private static final class Reader<T> extends AtomicInteger implements CoreSubscriber<T>, Subscription {

        private static final int PASSING = 0;

        private static final int DRAINING = 1;

        private static final int DONE = 2;

        private final CoreSubscriber<? super T> actual;

        private final Consumer<? super T> leftover;

        /** Items handed out so far, while passing on with recall; null without. */
        private final Queue<T> handedOut;

        private final Drains drains;

        private Subscription upstream;

        Reader(CoreSubscriber<? super T> actual, Consumer<? super T> leftover, Queue<T> handedOut, Drains drains) {
            this.actual = actual;
            this.leftover = leftover;
            this.handedOut = handedOut;
            this.drains = drains;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(upstream, subscription)) {
                upstream = subscription;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(T item) {
            if (get() == PASSING) {
                actual.onNext(item);
                if (handedOut != null) {
                    handedOut.add(item);
                }
                // Recorded first: a cancel either finds the item recorded or is seen here.
                if (get() == DRAINING) {
                    leftover.accept(item);
                }
                return;
            }
            try {
                leftover.accept(item);
            }
            finally {
                Operators.onDiscard(item, actual.currentContext());
            }
        }

        @Override
        public void onError(Throwable error) {
            // After a cancel nobody waits for the outcome; the reply was read, which was the point.
            if (end() == PASSING) {
                actual.onError(error);
            }
        }

        @Override
        public void onComplete() {
            if (end() == PASSING) {
                actual.onComplete();
            }
        }

        private int end() {
            int before = getAndSet(DONE);
            if (handedOut != null) {
                handedOut.clear();
            }
            if (before == DRAINING) {
                drains.stopped();
            }
            return before;
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            // Counted before the switch, so the source's end can never stop a drain not yet started.
            drains.started();
            if (compareAndSet(PASSING, DRAINING)) {
                for (T item; handedOut != null && (item = handedOut.poll()) != null; ) {
                    leftover.accept(item);
                }
                upstream.request(Long.MAX_VALUE);
            }
            else {
                drains.stopped();
            }
        }
    }
}
