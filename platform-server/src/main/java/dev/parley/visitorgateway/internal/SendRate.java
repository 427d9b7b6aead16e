package dev.parley.visitorgateway.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A per-socket rate limit: {@code burst} at once, then {@code perSecond} steadily, refilled
 * continuously (the generic cell rate algorithm). One long of state, because every idle socket
 * holds two of these; a general-purpose bucket library cost about 600 bytes per socket.
 * Thread-safe and lock-free.
 */
final class SendRate {

    private final long interval;
    private final long tolerance;
    private final LongSupplier nanoClock;
    // When the sender is next entitled to one more with nothing spent ahead: the theoretical arrival time.
    private final AtomicLong next;

    SendRate(int burst, int perSecond, LongSupplier nanoClock) {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("A rate needs a burst and a rate of at least 1");
        }
        this.interval = 1_000_000_000L / perSecond;
        this.tolerance = interval * (burst - 1);
        this.nanoClock = nanoClock;
        this.next = new AtomicLong(nanoClock.getAsLong());
    }

    /** Takes one send if the rate allows it now. */
    boolean tryTake() {
        long now = nanoClock.getAsLong();
        while (true) {
            long current = next.get();
            long start = current - now > 0 ? current : now;
            if (start - now > tolerance) {
                return false;
            }
            if (next.compareAndSet(current, start + interval)) {
                return true;
            }
        }
    }
}
