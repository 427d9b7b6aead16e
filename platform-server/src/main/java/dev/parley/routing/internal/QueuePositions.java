package dev.parley.routing.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.routing.QueuePositionChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells each queued visitor their place and expected wait whenever the queue moves. A node
 * publishes a position only when it differs from what that node last published for the
 * conversation, so a quiet queue costs nothing.
 */
final class QueuePositions {

    private static final Logger log = LoggerFactory.getLogger(QueuePositions.class);

    /** Positions beyond this are not announced individually: such a queue needs staff, not numbers. */
    private static final int MAX_ANNOUNCED = 5_000;

    private final DatabaseClient db;
    private final ClusterBus bus;
    private final EtaEstimator eta;
    private final SettingsCache settings;
    private final Map<String, Map<String, Integer>> published = new ConcurrentHashMap<>();
    private final CoalescedRuns refreshes = new CoalescedRuns(this::refreshLogged);
    // Every new socket of a queued visitor asks for its place; a burst of them shares reads of the queue.
    private final FreshReads<String, List<Queued>> queues = new FreshReads<>(this::read);

    QueuePositions(DatabaseClient db, ClusterBus bus, EtaEstimator eta, SettingsCache settings) {
        this.db = db;
        this.bus = bus;
        this.eta = eta;
        this.settings = settings;
    }

    /**
     * Refreshes the account's positions without making the caller wait: the assigner's next pass
     * must not queue behind this read. Asked for again while one runs, exactly one more follows it.
     * Failures are logged; the next change refreshes again.
     */
    void refreshSoon(String accountId) {
        refreshes.request(accountId);
    }

    private Mono<Void> refreshLogged(String accountId) {
        return refresh(accountId).onErrorResume(e -> {
            log.warn("Refreshing the queue positions of account {} failed: {}", accountId, e.toString());
            return Mono.empty();
        });
    }

    Mono<Void> refresh(String accountId) {
        return queue(accountId).flatMap(queue -> context(accountId, queue).flatMap(estimate -> {
            Map<String, Integer> last = published.computeIfAbsent(accountId, id -> new ConcurrentHashMap<>());
            Set<String> present = new HashSet<>();
            queue.forEach(q -> present.add(q.id()));
            last.keySet().removeIf(id -> !present.contains(id));
            return Flux.range(0, queue.size())
                    .filter(i -> !Integer.valueOf(i + 1).equals(last.get(queue.get(i).id())))
                    .concatMap(i -> {
                        last.put(queue.get(i).id(), i + 1);
                        return bus.publish(position(accountId, queue.get(i), i + 1, estimate));
                    })
                    .then();
        }));
    }

    /** The conversation's place now, or empty when it is not queued. */
    Mono<QueuePositionChanged> current(String accountId, String conversationId) {
        return queue(accountId).flatMap(queue -> {
            for (int i = 0; i < queue.size(); i++) {
                if (queue.get(i).id().equals(conversationId)) {
                    int position = i + 1;
                    Queued queued = queue.get(i);
                    return context(accountId, queue).map(estimate -> position(accountId, queued, position, estimate));
                }
            }
            return Mono.empty();
        });
    }

    private Mono<Estimated> context(String accountId, List<Queued> queue) {
        return eta.forAccount(accountId).zipWith(settings.get(queue.stream().map(Queued::siteId).toList()), Estimated::new);
    }

    private static QueuePositionChanged position(String accountId, Queued queued, int position, Estimated estimated) {
        int maxChats = estimated.sites().get(queued.siteId()).maxChatsPerAgent();
        return new QueuePositionChanged(accountId, queued.id(), position, estimated.estimate().seconds(position, maxChats));
    }

    private Mono<List<Queued>> queue(String accountId) {
        return queues.get(accountId);
    }

    private Mono<List<Queued>> read(String accountId) {
        return db.sql("SELECT id, site_id FROM conversations WHERE account_id = :account AND status = 'QUEUED'"
                        + " ORDER BY queued_at, id LIMIT :limit")
                .bind("account", accountId)
                .bind("limit", MAX_ANNOUNCED)
                .map(row -> new Queued(row.get("id", String.class), row.get("site_id", String.class)))
                .all()
                .collectList();
    }

    private record Queued(String id, String siteId) {
    }

    private record Estimated(EtaEstimator.Estimate estimate, Map<String, dev.parley.routing.QueueSettings> sites) {
    }
}
