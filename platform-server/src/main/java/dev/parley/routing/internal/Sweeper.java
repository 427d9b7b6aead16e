package dev.parley.routing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.parley.agent.Presence;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversations;
import dev.parley.routing.ConversationPending;
import dev.parley.routing.QueueSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The timers of routing, run on every node each interval (conditional updates make concurrent
 * sweeps harmless): agents whose last lease ran out go offline and lose their chats to the queue;
 * conversations queued past their site's timeout are kept for follow-up; assignments unanswered past
 * the no-reply timeout go to the next agent; silent chats past auto-close are closed; and every
 * account with a queue gets an assignment run, in case a trigger was lost.
 */
final class Sweeper {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Sweeper.class);

    private final Presence presence;
    private final SweepRepository due;
    private final QueueSettingsRepository settingsRepository;
    private final Reassignment reassignment;
    private final Announcements announcements;
    private final RoutingRepository repository;
    private final Conversations conversations;
    private final Assigner assigner;
    private final Duration trustLeasesAfter;

    /**
     * {@code trustLeasesAfter}: how long after the database was last unreachable lapsed leases are
     * left alone. During an outage no node can renew its leases, so every lease may look lapsed when
     * the database returns although its console never went away; expiring them would send every
     * agent offline and their chats back to the queue. Within this time every live node renews.
     */
    Sweeper(Presence presence, SweepRepository due, QueueSettingsRepository settingsRepository, Reassignment reassignment,
            Announcements announcements, RoutingRepository repository, Conversations conversations, Assigner assigner,
            Duration trustLeasesAfter) {
        this.presence = presence;
        this.due = due;
        this.settingsRepository = settingsRepository;
        this.reassignment = reassignment;
        this.announcements = announcements;
        this.repository = repository;
        this.conversations = conversations;
        this.assigner = assigner;
        this.trustLeasesAfter = trustLeasesAfter;
    }

    /** What one sweep did, by conversation id. */
    record Report(Instant at, List<String> offlineAgents, List<String> timedOut, List<String> unanswered, List<String> autoClosed) {
    }

    /**
     * A sweep every {@code interval} on {@code scheduler}, reading time from {@code now}; never
     * completes. A failed sweep is logged and skipped: the next one tries again, and lapsed leases
     * are left alone for {@code trustLeasesAfter} from then on.
     */
    Flux<Report> ticks(Duration interval, Scheduler scheduler, Supplier<Instant> now) {
        // A sweep that outlasts the interval is followed at once by one more, never by a pile-up:
        // without this, interval overflows and the loop dies.
        return Flux.defer(() -> {
            // Per loop, and touched by one sweep at a time (concatMap): a failed sweep marks it; the next
            // sweep that starts holds lapsed leases from its own time on.
            boolean[] failed = {false};
            Instant[] holdLeasesUntil = {Instant.MIN};
            return Flux.interval(interval, scheduler).onBackpressureLatest().concatMap(tick -> Mono.defer(() -> {
                Instant at = now.get();
                if (failed[0]) {
                    failed[0] = false;
                    holdLeasesUntil[0] = at.plus(trustLeasesAfter);
                }
                return sweep(at, !at.isBefore(holdLeasesUntil[0]));
            }).onErrorResume(e -> {
                failed[0] = true;
                log.warn("A routing sweep failed; the next one retries: {}", e.toString());
                return Mono.empty();
            }));
        });
    }

    Mono<Report> sweep(Instant now) {
        return sweep(now, true);
    }

    /** One sweep; lapsed leases are expired only when {@code expireLeases}. */
    private Mono<Report> sweep(Instant now, boolean expireLeases) {
        return settingsRepository.all().collectMap(QueueSettings::siteId).flatMap(configured -> {
            Function<String, QueueSettings> site = id -> configured.getOrDefault(id, QueueSettings.defaults(id));
            Mono<List<String>> offline = (expireLeases ? presence.expireLapsed(now) : Flux.<String[]>empty())
                    .concatWith(due.offlineAgentsWithChats())
                    .concatMap(agent -> reassignment.all(agent[1], agent[0]).thenReturn(agent[0]))
                    .distinct()
                    .collectList();
            Mono<List<String>> timedOut = due.queuedBefore(now.minus(shortest(configured, QueueSettings::queueTimeout, QueueSettings.DEFAULT_QUEUE_TIMEOUT)))
                    .filter(c -> !c.since().isAfter(now.minus(site.apply(c.siteId()).queueTimeout())))
                    .concatMap(c -> repository.pending(c.id(), "timeout").filter(changed -> changed == 1)
                            .flatMap(changed -> announcements.pending(new ConversationPending(c.accountId(), c.id(), "timeout"))
                                    .doOnSuccess(done -> assigner.kick(c.accountId()))
                                    .thenReturn(c.id())))
                    .collectList();
            Mono<List<String>> unanswered = sweepIfAny(configured, QueueSettings::noReplyTimeout, cutoff -> due.unansweredSince(now.minus(cutoff))
                    .filter(c -> expired(site.apply(c.siteId()).noReplyTimeout(), c.since(), now))
                    .concatMap(c -> reassignment.one(c.accountId(), c.id(), c.agentId(), "no_reply")
                            .doOnSuccess(id -> assigner.kick(c.accountId()))));
            Mono<List<String>> closed = sweepIfAny(configured, QueueSettings::autoClose, cutoff -> due.silentSince(now.minus(cutoff))
                    .filter(c -> expired(site.apply(c.siteId()).autoClose(), c.since(), now))
                    .concatMap(c -> conversations.close(c.id(), Author.SYSTEM).thenReturn(c.id())));
            return Mono.zip(offline, timedOut, unanswered, closed)
                    .flatMap(t -> assigner.kickAllQueued().thenReturn(new Report(now, t.getT1(), t.getT2(), t.getT3(), t.getT4())));
        });
    }

    private static Mono<List<String>> sweepIfAny(Map<String, QueueSettings> configured, Function<QueueSettings, Duration> timeout,
            Function<Duration, Flux<String>> sweep) {
        Duration shortest = configured.values().stream().map(timeout).filter(Objects::nonNull).min(Duration::compareTo).orElse(null);
        return shortest == null ? Mono.just(List.of()) : sweep.apply(shortest).collectList();
    }

    private static Duration shortest(Map<String, QueueSettings> configured, Function<QueueSettings, Duration> timeout, Duration fallback) {
        return configured.values().stream().map(timeout).filter(Objects::nonNull).reduce(fallback, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    private static boolean expired(Duration timeout, Instant since, Instant now) {
        return timeout != null && !since.isAfter(now.minus(timeout));
    }
}
