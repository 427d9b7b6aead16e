package dev.parley.routing.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.routing.QueueSettings;
import dev.parley.routing.QueueSettingsChanged;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * This node's copy of the queue settings. Every node subscribes to settings changes for as long as
 * it runs, and drops a site's copy the moment one is announced; a bus outage drops them all. The bus
 * may also lose a single announcement, so no copy is used for longer than {@code ttl}: a change
 * reaches every node within that even then.
 */
final class SettingsCache implements SmartLifecycle {

    private final Function<String, Mono<QueueSettings>> reader;
    private final ClusterBus bus;
    private final Map<String, Cached> sites = new ConcurrentHashMap<>();
    // Counts the copies dropped: a read that began before a drop must not be stored after it.
    private final AtomicLong drops = new AtomicLong();
    private final long ttlNanos;
    private volatile Disposable subscription;

    /** {@code reader}: the site's stored settings, empty when it has none. */
    SettingsCache(Function<String, Mono<QueueSettings>> reader, ClusterBus bus, Duration ttl) {
        this.reader = reader;
        this.bus = bus;
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * One read of a site's settings: {@code read} replays it to every caller, {@code value} holds
     * it once it has arrived, and {@code readAt} is when it was asked for.
     */
    private static final class Cached {
        final long readAt;
        Mono<QueueSettings> read;
        volatile QueueSettings value;

        Cached(long readAt) {
            this.readAt = readAt;
        }
    }

    /**
     * The site's settings. Callers that miss together share one read: a burst of new
     * conversations on a cold cache once made a read each and filled the connection pool. A read
     * that fails is not kept, so the next caller reads again. Not for callers inside a transaction:
     * see {@link #getInTransaction}.
     */
    Mono<QueueSettings> get(String siteId) {
        long now = System.nanoTime();
        return sites.compute(siteId, (id, cached) -> fresh(cached, now) ? cached : shared(id, now)).read;
    }

    /**
     * As {@link #get(String)}, for a caller holding a transaction's connection: a miss reads on
     * that connection. Joining a shared read would wait for a second connection while holding
     * one, and a burst of such callers could hold the whole pool.
     */
    Mono<QueueSettings> getInTransaction(String siteId) {
        long now = System.nanoTime();
        Cached cached = sites.get(siteId);
        QueueSettings value = cached == null ? null : cached.value;
        if (value != null && fresh(cached, now)) {
            return Mono.just(value);
        }
        long dropsBefore = drops.get();
        return reader.apply(siteId).defaultIfEmpty(QueueSettings.defaults(siteId)).doOnNext(read -> {
            Cached done = new Cached(now);
            done.read = Mono.just(read);
            done.value = read;
            sites.compute(siteId, (id, current) -> drops.get() != dropsBefore || current != null && current.readAt >= now
                    ? current : done);
        });
    }

    private boolean fresh(Cached cached, long now) {
        return cached != null && now - cached.readAt < ttlNanos;
    }

    private Cached shared(String siteId, long readAt) {
        Cached cached = new Cached(readAt);
        cached.read = reader.apply(siteId)
                .defaultIfEmpty(QueueSettings.defaults(siteId))
                .doOnNext(value -> cached.value = value)
                .doOnError(e -> sites.remove(siteId, cached))
                .cache();
        return cached;
    }

    Mono<Map<String, QueueSettings>> get(List<String> siteIds) {
        return Flux.fromIterable(siteIds).distinct().concatMap(this::get).collectMap(QueueSettings::siteId);
    }

    Mono<Map<String, QueueSettings>> getInTransaction(List<String> siteIds) {
        return Flux.fromIterable(siteIds).distinct().concatMap(this::getInTransaction).collectMap(QueueSettings::siteId);
    }

    void forget(String siteId) {
        drops.incrementAndGet();
        sites.remove(siteId);
    }

    private void forgetAll() {
        drops.incrementAndGet();
        sites.clear();
    }

    @Override
    public void start() {
        subscription = bus.subscribe(QueueSettingsChanged.TOPIC, 1_024)
                .doOnError(error -> forgetAll())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe(event -> {
                    if (event instanceof QueueSettingsChanged changed) {
                        forget(changed.siteId());
                    }
                    else {
                        // BusReady: after an outage anything may have changed.
                        forgetAll();
                    }
                });
    }

    @Override
    public void stop() {
        Disposable s = subscription;
        if (s != null) {
            s.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null && !subscription.isDisposed();
    }
}
