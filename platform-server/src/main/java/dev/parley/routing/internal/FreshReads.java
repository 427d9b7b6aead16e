package dev.parley.routing.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Shares reads of the same key among callers that arrive together, without ever answering a caller
 * with a read that started before it asked. A burst of new conversations used to make one read of
 * the account's queue and agents per conversation (over a thousand at once, each of the whole
 * queue), which starved the connection pool the assigner needs; here a burst makes two reads per
 * key: the one in flight when it starts, and one more for everyone who arrived meanwhile.
 *
 * <p>Only for reads outside a transaction: the read runs in the context of whichever caller starts
 * it. An error fails the callers of that read only. Thread-safe; {@link #get} never blocks.
 */
final class FreshReads<K, V> {

    private final Function<K, Mono<V>> read;
    private final Map<K, State<V>> states = new ConcurrentHashMap<>();

    FreshReads(Function<K, Mono<V>> read) {
        this.read = read;
    }

    /** The value from a read that started after this call; empty when the read found nothing. */
    Mono<V> get(K key) {
        return Mono.defer(() -> {
            Sinks.One<V> answer;
            boolean start;
            State<V> state = states.computeIfAbsent(key, k -> new State<>());
            synchronized (state) {
                if (state.next == null) {
                    state.next = Sinks.one();
                }
                answer = state.next;
                start = !state.reading;
                if (start) {
                    begin(state);
                }
            }
            if (start) {
                run(key, state, answer);
            }
            return answer.asMono();
        });
    }

    private void begin(State<V> state) {
        state.reading = true;
        state.next = null;
    }

    private void run(K key, State<V> state, Sinks.One<V> answer) {
        read.apply(key).subscribe(
                answer::tryEmitValue,
                error -> {
                    answer.tryEmitError(error);
                    finished(key, state);
                },
                () -> {
                    answer.tryEmitEmpty();
                    finished(key, state);
                });
    }

    private void finished(K key, State<V> state) {
        Sinks.One<V> waiting;
        synchronized (state) {
            waiting = state.next;
            if (waiting == null) {
                state.reading = false;
                // Dropped when idle, so keys never accumulate; a concurrent get re-creates it.
                states.remove(key, state);
                return;
            }
            begin(state);
        }
        run(key, state, waiting);
    }

    private static final class State<V> {
        boolean reading;
        Sinks.One<V> next;
    }
}
