package dev.parley.webhook.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * Each account's active webhooks, read at most once per TTL per node: every message asks, and most
 * accounts have none. A change on this node is seen at once; on other nodes within the TTL.
 * Thread-safe.
 */
final class Subscriptions {

    private record Entry(List<WebhookRepository.Target> targets, Instant expires) {
    }

    private final WebhookRepository repository;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    Subscriptions(WebhookRepository repository, Clock clock, Duration ttl) {
        this.repository = repository;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The account's active webhooks that receive {@code eventType}. */
    Mono<List<WebhookRepository.Target>> receiving(String accountId, String eventType) {
        Entry entry = cache.get(accountId);
        Mono<List<WebhookRepository.Target>> all = entry != null && entry.expires().isAfter(clock.instant())
                ? Mono.just(entry.targets())
                : repository.activeTargets(accountId).collectList().doOnNext(targets -> {
                    if (cache.size() > 100_000) {
                        // Bounded: a huge installation re-reads rather than growing without end.
                        cache.clear();
                    }
                    cache.put(accountId, new Entry(targets, clock.instant().plus(ttl)));
                });
        return all.map(targets -> targets.stream().filter(t -> t.events().contains(eventType)).toList());
    }

    void forget(String accountId) {
        cache.remove(accountId);
    }
}
