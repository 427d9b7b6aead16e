package dev.parley.visitorgateway.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /** Released once, however many times {@link #release} is called. */
    final class Permit {

        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();
        private final AtomicBoolean handedOver = new AtomicBoolean();

        private Permit(String address) {
            this.address = address;
        }

        /** The socket opened and now owns the permit. */
        void handOver() {
            handedOver.set(true);
        }

        void releaseUnlessHandedOver() {
            if (!handedOver.get()) {
                release();
            }
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
