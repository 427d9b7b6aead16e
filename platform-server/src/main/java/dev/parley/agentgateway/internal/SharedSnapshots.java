package dev.parley.agentgateway.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Short-lived snapshots of values read by key, shared by every reader. Every agent's inbox of an
 * account hears the same event at the same moment; when the snapshot has expired they all need it
 * at once, and without sharing each would make its own read: one event became as many database
 * reads as the account has consoles open, which capped an account's message rate. Here the first
 * reader starts the read and the others wait for that same read.
 *
 * <p>A snapshot lives at most {@code ttl} from when its read started; a failed read is not kept; at
 * most {@code maxEntries} are kept (past that the map is cleared, bounding memory whatever the
 * traffic). Thread-safe; {@link #get} never blocks.
 */
final class SharedSnapshots<K, V> {

    private final Function<K, Mono<V>> read;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    SharedSnapshots(Function<K, Mono<V>> read, Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.read = read;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** The value as read at most the TTL ago, empty when the read found nothing; fails when the read failed. */
    Mono<Optional<V>> get(K key) {
        return get(key, Function.identity());
    }

    /**
     * {@link #get} mapped by {@code then}; once the value is held, a {@code Mono.just} of the result,
     * which the inbox feeds hand on without subscribing (see {@code OrderedDecisions}).
     */
    <R> Mono<R> get(K key, Function<Optional<V>, R> then) {
        long now = nanoClock.getAsLong();
        Entry<V> current = entries.get(key);
        if (current == null || current.expiresAt - now <= 0) {
            current = liveOr(key, now, () -> fresh(key, now));
        }
        Optional<V> held = current.held;
        return held != null ? Mono.just(then.apply(held)) : current.read.map(then);
    }

    /**
     * The key's value known without a read (carried by an event), kept for the TTL, but only when
     * nothing is known of the key yet (no snapshot, nor a read under way): what is known may be
     * newer than the event. Returns whether the value was kept.
     */
    boolean putIfAbsent(K key, V value) {
        long now = nanoClock.getAsLong();
        Entry<V> carried = new Entry<>(Mono.just(Optional.of(value)), now + ttlNanos);
        carried.held = Optional.of(value);
        return liveOr(key, now, () -> carried) == carried;
    }

    /** The key's unexpired entry, or the one {@code replacement} makes, atomically; bounds the map first. */
    private Entry<V> liveOr(K key, long now, Supplier<Entry<V>> replacement) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        return entries.compute(key, (k, old) -> old != null && old.expiresAt - now > 0 ? old : replacement.get());
    }

    /** The key's value changed: the next {@link #get} reads it afresh. */
    void forget(K key) {
        entries.remove(key);
    }

    /** Any value may have changed: every next {@link #get} reads afresh. */
    void forgetAll() {
        entries.clear();
    }

    private Entry<V> fresh(K key, long now) {
        Entry<V>[] self = newHolder();
        Mono<Optional<V>> value = Mono.defer(() -> read.apply(key))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .doOnNext(found -> self[0].held = found)
                .doOnError(e -> entries.remove(key, self[0]))
                .cache();
        self[0] = new Entry<>(value, now + ttlNanos);
        return self[0];
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V>[] newHolder() {
        return new Entry[1];
    }

    private static final class Entry<V> {

        final Mono<Optional<V>> read;
        final long expiresAt;
        // The read's result once it succeeded; until then readers wait for the read.
        volatile Optional<V> held;

        Entry(Mono<Optional<V>> read, long expiresAt) {
            this.read = read;
            this.expiresAt = expiresAt;
        }
    }
}
