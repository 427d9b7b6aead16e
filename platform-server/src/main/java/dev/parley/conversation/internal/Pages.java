package dev.parley.conversation.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import reactor.core.publisher.Flux;

/**
 * Reads a long result page by page, by keyset: each query starts after the last row of the
 * previous page, so a page costs the same wherever it is. A page is read only once the subscriber
 * has taken the one before (at most the page being consumed and the next are in memory), which
 * keeps memory flat however many rows there are. Cancelling stops the reading.
 */
public final class Pages {

    private Pages() {
    }

    /**
     * @param query reads the page after the given row ({@code null} for the first page)
     * @param pageSize the {@code LIMIT} the query uses: a shorter page is the last
     */
    public static <T> Flux<T> keyset(Function<T, Flux<T>> query, int pageSize) {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        return Flux.defer(() -> query.apply(last.get()).collectList())
                .repeat(() -> !done.get())
                .doOnNext(page -> remember(page, pageSize, last, done))
                // One page at a time: the next is asked for once this one has been consumed.
                .concatMapIterable(page -> page, 1);
    }

    private static <T> void remember(List<T> page, int pageSize, AtomicReference<T> last, AtomicBoolean done) {
        if (page.size() < pageSize) {
            done.set(true);
        }
        if (!page.isEmpty()) {
            last.set(page.get(page.size() - 1));
        }
    }
}
