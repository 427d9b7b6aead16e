package dev.parley.routing.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.routing.QueuePositionChanged;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells each queued visitor their place and expected wait whenever the queue moves. A node
 * publishes a position only when it differs from what that node last published for the
 * conversation, so a quiet queue costs nothing.
 */
final class QueuePositions {

    /** Positions beyond this are not announced individually: such a queue needs staff, not numbers. */
    private static final int MAX_ANNOUNCED = 5_000;

    private final DatabaseClient db;
    private final ClusterBus bus;
    private final EtaEstimator eta;
    private final Map<String, Map<String, Integer>> published = new ConcurrentHashMap<>();

    QueuePositions(DatabaseClient db, ClusterBus bus, EtaEstimator eta) {
        this.db = db;
        this.bus = bus;
        this.eta = eta;
    }

    Mono<Void> refresh(String accountId) {
        return queue(accountId).zipWith(eta.forAccount(accountId)).flatMap(t -> {
            List<String> queue = t.getT1();
            Map<String, Integer> last = published.computeIfAbsent(accountId, id -> new ConcurrentHashMap<>());
            Set<String> present = new HashSet<>(queue);
            last.keySet().removeIf(id -> !present.contains(id));
            return Flux.range(0, queue.size())
                    .filter(i -> !Integer.valueOf(i + 1).equals(last.get(queue.get(i))))
                    .concatMap(i -> {
                        last.put(queue.get(i), i + 1);
                        return bus.publish(new QueuePositionChanged(accountId, queue.get(i), i + 1, t.getT2().apply(i + 1)));
                    })
                    .then();
        });
    }

    /** The conversation's place now, or empty when it is not queued. */
    Mono<QueuePositionChanged> current(String accountId, String conversationId) {
        return queue(accountId).flatMap(queue -> {
            int index = queue.indexOf(conversationId);
            return index < 0 ? Mono.empty() : eta.forAccount(accountId)
                    .map(estimate -> new QueuePositionChanged(accountId, conversationId, index + 1, estimate.apply(index + 1)));
        });
    }

    private Mono<List<String>> queue(String accountId) {
        return db.sql("SELECT id FROM conversations WHERE account_id = :account AND status = 'QUEUED' ORDER BY queued_at, id LIMIT :limit")
                .bind("account", accountId)
                .bind("limit", MAX_ANNOUNCED)
                .map(row -> row.get("id", String.class))
                .all()
                .collectList();
    }
}
