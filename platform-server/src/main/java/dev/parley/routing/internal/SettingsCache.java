package dev.parley.routing.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private final QueueSettingsRepository repository;
    private final ClusterBus bus;
    private final Map<String, Cached> sites = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private volatile Disposable subscription;

    SettingsCache(QueueSettingsRepository repository, ClusterBus bus, Duration ttl) {
        this.repository = repository;
        this.bus = bus;
        this.ttlNanos = ttl.toNanos();
    }

    private record Cached(QueueSettings settings, long readAt) {
    }

    Mono<QueueSettings> get(String siteId) {
        Cached cached = sites.get(siteId);
        if (cached != null && System.nanoTime() - cached.readAt() < ttlNanos) {
            return Mono.just(cached.settings());
        }
        long readAt = System.nanoTime();
        return repository.find(siteId).defaultIfEmpty(QueueSettings.defaults(siteId))
                .doOnNext(s -> sites.put(siteId, new Cached(s, readAt)));
    }

    Mono<Map<String, QueueSettings>> get(List<String> siteIds) {
        return Flux.fromIterable(siteIds).distinct().concatMap(this::get).collectMap(QueueSettings::siteId);
    }

    void forget(String siteId) {
        sites.remove(siteId);
    }

    @Override
    public void start() {
        subscription = bus.subscribe(QueueSettingsChanged.TOPIC, 1_024)
                .doOnError(error -> sites.clear())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe(event -> {
                    if (event instanceof QueueSettingsChanged changed) {
                        sites.remove(changed.siteId());
                    }
                    else {
                        // BusReady: after an outage anything may have changed.
                        sites.clear();
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
