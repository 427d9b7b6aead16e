package dev.parley.routing.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Runs work for an account when asked, without making the asker wait, and coalesces: asking while
 * a run is under way makes exactly one more run after it, however often it was asked. Runs of one
 * account never overlap; runs of different accounts do. Thread-safe; {@link #request} never blocks.
 */
final class CoalescedRuns {

    private final Function<String, Mono<?>> run;
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    /** {@code run} must handle its own failures: one that errors is only reported as dropped. */
    CoalescedRuns(Function<String, Mono<?>> run) {
        this.run = run;
    }

    void request(String accountId) {
        AtomicInteger wip = asked.computeIfAbsent(accountId, id -> new AtomicInteger());
        if (wip.getAndIncrement() == 0) {
            drain(accountId, wip);
        }
    }

    private void drain(String accountId, AtomicInteger wip) {
        int seen = wip.get();
        run.apply(accountId)
                .doFinally(signal -> {
                    if (wip.addAndGet(-seen) != 0) {
                        drain(accountId, wip);
                    }
                })
                .subscribe();
    }
}
