package dev.parley.visitorgateway.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/** Counts open sockets per client address and refuses more than the limit. Thread-safe. */
final class ConnectionLimiter {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final int maxPerAddress;

    ConnectionLimiter(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    /** A permit for one more socket from {@code address}, or null when it holds the maximum already. */
    Permit tryAcquire(String address) {
        boolean[] granted = {false};
        open.compute(address, (a, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0] ? new Permit(address) : null;
    }

    int total() {
        return open.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Released once, however many times {@link #release} is called. One int of state rather than
     * atomic objects: a permit lives as long as its socket.
     */
    final class Permit {

        private static final int HELD = 0;
        private static final int HANDED_OVER = 1;
        private static final int RELEASED = 2;

        private static final AtomicIntegerFieldUpdater<Permit> STATE = AtomicIntegerFieldUpdater.newUpdater(Permit.class, "state");

        private final String address;
        private volatile int state;

        private Permit(String address) {
            this.address = address;
        }

        /** The socket opened and now owns the permit. */
        void handOver() {
            STATE.compareAndSet(this, HELD, HANDED_OVER);
        }

        void releaseUnlessHandedOver() {
            if (STATE.compareAndSet(this, HELD, RELEASED)) {
                free();
            }
        }

        void release() {
            if (STATE.getAndSet(this, RELEASED) != RELEASED) {
                free();
            }
        }

        private void free() {
            open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
        }
    }
}
