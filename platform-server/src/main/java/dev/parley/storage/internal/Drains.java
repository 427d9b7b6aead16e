package dev.parley.storage.internal;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Sinks;

/**
 * The replies on one connection still being read after their reader left ({@link ReadToEnd}).
 * Whatever would send the server something on that connection waits until none is left, so
 * r2dbc-mysql starts its next exchange only after the last one ended, as in sequential use: an
 * exchange queued behind a reply still arriving can go unanswered for ever (r2dbc-mysql 1.4.2 and
 * 1.4.3, within a few rounds on the same borrow and a few hundred on the next).
 *
 * <p>Thread-safe. {@link #after} costs one volatile read while nothing drains, the hot path's case.
 */
final class Drains {

    private int running;

    /** Completes when {@link #running} falls back to zero; null while nothing drains. */
    private volatile Sinks.Empty<Void> ended;

    /**
     * {@code work}, subscribed once no reply drains, as seen at subscription; after a drain it
     * starts on the thread that ended the drain.
     */
    <T> Publisher<T> after(Publisher<T> work) {
        return subscriber -> {
            Sinks.Empty<Void> pending = ended;
            if (pending == null) {
                work.subscribe(subscriber);
            }
            else {
                pending.asMono().thenMany(work).subscribe(subscriber);
            }
        };
    }

    void started() {
        synchronized (this) {
            if (running++ == 0) {
                ended = Sinks.empty();
            }
        }
    }

    void stopped() {
        Sinks.Empty<Void> done;
        synchronized (this) {
            if (--running > 0) {
                return;
            }
            done = ended;
            ended = null;
        }
        done.tryEmitEmpty();
    }
}
