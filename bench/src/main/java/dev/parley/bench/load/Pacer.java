package dev.parley.bench.load;

import java.util.concurrent.locks.LockSupport;

/**
 * Sends at a fixed rate, open loop: the k-th send is due at {@code start + k / rate}, whatever the
 * server does. A late pacer sends what is due at once and the latency is counted from the intended
 * time, so a stall shows up in the percentiles instead of silently lowering the rate.
 */
final class Pacer {

    /** What to send for the k-th message, intended at {@code intendedNanos}. */
    interface Send {
        void send(long k, long intendedNanos);
    }

    /** How far the pacer ran behind its schedule at worst, in nanoseconds. */
    private long maxLagNanos;

    /**
     * Runs on the calling thread: {@code count} sends at {@code ratePerSecond}, stopping early when
     * {@code deadlineNanos} passes. Returns how many were sent.
     */
    long run(double ratePerSecond, long count, long startNanos, long deadlineNanos, Send send) {
        double period = 1_000_000_000.0 / ratePerSecond;
        long k = 0;
        while (k < count) {
            long now = System.nanoTime();
            if (now >= deadlineNanos) {
                break;
            }
            long due = startNanos + (long) (k * period);
            if (due > now) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            maxLagNanos = Math.max(maxLagNanos, now - due);
            send.send(k, due);
            k++;
        }
        return k;
    }

    long maxLagNanos() {
        return maxLagNanos;
    }
}
