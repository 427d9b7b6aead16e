package dev.parley.routing.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * Estimates waits from what the account's team is doing: the mean handling time of its last
 * {@value #SAMPLE} chats, and the chat slots its available agents have. Each slot frees up once per
 * handling time on average, so the visitor at position p waits about p × handling ÷ slots. With no
 * agent available there is no honest estimate, and none is given.
 */
final class EtaEstimator {

    /** Enough closed chats to smooth out one long one; few enough to follow the day's pace. */
    static final int SAMPLE = 50;

    /** How long a measured handling time is reused before it is measured again. */
    private static final Duration REMEASURE = Duration.ofSeconds(30);

    private final RoutingRepository repository;
    private final FreshReads<String, List<Candidate>> availableAgents;
    private final FreshReads<String, Long> measurements;
    private final Clock clock;
    private final Duration defaultHandling;
    private final Map<String, Measured> handling = new ConcurrentHashMap<>();

    EtaEstimator(RoutingRepository repository, FreshReads<String, List<Candidate>> availableAgents, Clock clock, Duration defaultHandling) {
        this.repository = repository;
        this.availableAgents = availableAgents;
        this.measurements = new FreshReads<>(this::measure);
        this.clock = clock;
        this.defaultHandling = defaultHandling;
    }

    /**
     * The estimate for the account, in seconds, by queue position and the site's chats per agent;
     * null means unknown.
     */
    Mono<Estimate> forAccount(String accountId) {
        return handlingSeconds(accountId).zipWith(availableAgents.get(accountId), (seconds, agents) ->
                (position, maxChatsPerAgent) -> {
                    int slots = agents.stream().mapToInt(a -> a.capacity(maxChatsPerAgent)).sum();
                    return slots == 0 ? null : (long) Math.ceil(position * seconds / (double) slots);
                });
    }

    /** Seconds of wait at a position, given the site's chats per agent; null when unknown. */
    interface Estimate {
        Long seconds(int position, int maxChatsPerAgent);
    }

    private Mono<Long> handlingSeconds(String accountId) {
        Measured cached = handling.get(accountId);
        if (cached != null && cached.at() + REMEASURE.toNanos() > System.nanoTime()) {
            return Mono.just(cached.seconds());
        }
        return measurements.get(accountId);
    }

    private Mono<Long> measure(String accountId) {
        return repository.recentHandlingSeconds(accountId, SAMPLE)
                .collectList()
                .map(samples -> samples.isEmpty() ? defaultHandling.getSeconds()
                        : Math.max(1, Math.round(samples.stream().mapToLong(Long::longValue).average().orElse(0))))
                .doOnNext(seconds -> handling.put(accountId, new Measured(seconds, System.nanoTime())));
    }

    private record Measured(long seconds, long at) {
    }
}
