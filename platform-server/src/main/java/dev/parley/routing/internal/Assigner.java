package dev.parley.routing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.parley.routing.ConversationAssigned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Assigns an account's queue in batches, each in one transaction under the account lock: the
 * oldest conversations, the available agents and their current loads are read, {@link Pairing}
 * matches them, and the matches are written together, each conditionally
 * ({@link BatchAssignments}). Runs are coalesced per account: a kick during a run makes exactly
 * one more run afterwards. Thread-safe.
 */
final class Assigner {

    private static final Logger log = LoggerFactory.getLogger(Assigner.class);

    /** Announcements of one batch in flight at once; each is a conversation of its own, so order between them is free. */
    static final int ANNOUNCING = 64;

    private final RoutingRepository repository;
    private final BatchAssignments writes;
    private final SettingsCache settings;
    private final AccountLock lock;
    private final Announcements announcements;
    private final QueuePositions positions;
    private final Clock clock;
    private final int batchSize;
    private final CoalescedRuns runs = new CoalescedRuns(this::assignLogged);

    Assigner(RoutingRepository repository, BatchAssignments writes, SettingsCache settings, AccountLock lock, Announcements announcements,
            QueuePositions positions, Clock clock, int batchSize) {
        this.repository = repository;
        this.writes = writes;
        this.settings = settings;
        this.lock = lock;
        this.announcements = announcements;
        this.positions = positions;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /**
     * Something changed in the account: assign what can be assigned, soon, without waiting for it.
     * A run ends when its last batch committed; the announcements trail behind it, so a burst's next
     * run does not wait for the transcript entries and inbox frames of the previous one.
     */
    void kick(String accountId) {
        runs.request(accountId);
    }

    private Mono<Integer> assignLogged(String accountId) {
        return committed(accountId)
                .doOnNext(batch -> announceAll(batch).subscribe())
                .reduce(0, (total, batch) -> total + batch.size())
                .doOnSuccess(total -> positions.refreshSoon(accountId))
                .onErrorResume(e -> {
                    log.warn("Assigning the queue of account {} failed; the next trigger or sweep retries: {}", accountId, e.toString());
                    return Mono.just(0);
                });
    }

    /** Assigns until nothing more can be; completes with how many conversations got an agent, once all of them were announced. */
    Mono<Integer> assignNow(String accountId) {
        return committed(accountId)
                .flatMap(batch -> announceAll(batch).thenReturn(batch.size()))
                .reduce(0, Integer::sum)
                .doOnSuccess(total -> positions.refreshSoon(accountId));
    }

    /**
     * The account's batches, each as soon as it committed; the next one starts at once. Whatever a
     * pass assigned, the queue may have changed (a visitor left, one arrived), so each pass ends by
     * refreshing the positions; that read runs on the main pool, which a burst of new conversations
     * fills, so it is only asked for and never waited on.
     */
    private Flux<List<ConversationAssigned>> committed(String accountId) {
        return assignBatch(accountId)
                .expand(assigned -> assigned.size() == batchSize ? assignBatch(accountId) : Mono.empty())
                .filter(assigned -> !assigned.isEmpty());
    }

    /**
     * Each assignment of a batch gets its transcript entry and event, side by side: each is a
     * conversation of its own, and concurrent entries share the message writer's group commits.
     */
    private Mono<Void> announceAll(List<ConversationAssigned> batch) {
        return Flux.fromIterable(batch).flatMap(this::announce, ANNOUNCING).then();
    }

    private Mono<List<ConversationAssigned>> assignBatch(String accountId) {
        // Time is read under the lock, so assignment times follow the order of the batches.
        return lock.run(accountId, Mono.fromSupplier(clock::instant)
                .flatMap(now -> repository.queued(accountId, batchSize).collectList().flatMap(queue -> assign(accountId, queue, now))));
    }

    /** The assignment is committed whatever happens here: one failed announcement must not cancel the others. */
    private Mono<ConversationAssigned> announce(ConversationAssigned event) {
        return announcements.assigned(event, null).thenReturn(event).onErrorResume(e -> {
            log.warn("Announcing the assignment of conversation {} failed: {}", event.conversationId(), e.toString());
            return Mono.just(event);
        });
    }

    private Mono<List<ConversationAssigned>> assign(String accountId, List<Waiting> queue, Instant now) {
        return queue.isEmpty() ? Mono.just(List.<ConversationAssigned>of()) : settings
                        .getInTransaction(queue.stream().map(Waiting::siteId).toList())
                        .zipWith(repository.candidates(accountId, now))
                        .zipWith(repository.loads(accountId), (t, loads) -> Pairing.pair(queue, t.getT2(), loads,
                                site -> t.getT1().get(site), now))
                        .flatMap(writes::write)
                        .map(taken -> taken.stream().map(match -> new ConversationAssigned(accountId, match.conversation().id(),
                                match.agent().id(), match.agent().name(), null, "routing", match.assignedAt())).toList());
    }

    /** For the sweep: every account with a queue gets a run. */
    Mono<Void> kickAllQueued() {
        return repository.accountsWithQueue().doOnNext(this::kick).then();
    }
}
