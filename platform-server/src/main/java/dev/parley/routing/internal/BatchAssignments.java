package dev.parley.routing.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.shared.Times;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Writes one batch of the assigner's matches in a fixed number of statements, not two per chat:
 * under a burst every statement waits its turn on a busy node and database, so a batch of 200
 * written one row at a time took seconds. The statements are generated for the batch's size, and
 * every value in them is bound.
 *
 * <p>Like the single-row writes, each conversation changes only if it is still queued; the
 * result names the matches that took effect. Must run inside the assigner's transaction, which
 * holds the account lock, so nothing else assigns these conversations meanwhile.
 */
final class BatchAssignments {

    private final DatabaseClient db;

    BatchAssignments(DatabaseClient db) {
        this.db = db;
    }

    /** Writes {@code matches}; completes with those whose conversation was still queued, in their order. */
    Mono<List<Pairing.Match>> write(List<Pairing.Match> matches) {
        if (matches.isEmpty()) {
            return Mono.just(List.of());
        }
        return assign(matches)
                .flatMap(changed -> changed == matches.size() ? Mono.just(matches) : taken(matches))
                .flatMap(taken -> touch(taken).thenReturn(taken));
    }

    private Mono<Long> assign(List<Pairing.Match> matches) {
        StringBuilder agent = new StringBuilder("CASE id");
        StringBuilder at = new StringBuilder("CASE id");
        for (int i = 0; i < matches.size(); i++) {
            agent.append(" WHEN :c").append(i).append(" THEN :a").append(i);
            // Typed, because a CASE whose every branch is a parameter has no type of its own on H2.
            at.append(" WHEN :c").append(i).append(" THEN CAST(:t").append(i).append(" AS DATETIME(6))");
        }
        agent.append(" END");
        at.append(" END");
        // Bound all at once: DatabaseClient copies its bindings on each bind(), quadratic in a batch.
        Map<String, Object> values = new HashMap<>(matches.size() * 4 + 2);
        for (int i = 0; i < matches.size(); i++) {
            Pairing.Match match = matches.get(i);
            values.put("c" + i, match.conversation().id());
            values.put("a" + i, match.agent().id());
            values.put("t" + i, Times.toDb(match.assignedAt()));
        }
        values.put("ids", matches.stream().map(m -> m.conversation().id()).toList());
        return db.sql("UPDATE conversations SET status = 'ASSIGNED', assigned_agent_id = " + agent + ", assigned_at = " + at
                        + ", first_assigned_at = COALESCE(first_assigned_at, " + at + "), passed_agent_id = NULL, pending_reason = NULL,"
                        + " last_activity_at = " + at + " WHERE id IN (:ids) AND status = 'QUEUED'")
                .bindValues(values)
                .fetch().rowsUpdated();
    }

    /** Rare: a conversation left the queue (closed by its visitor) between the read and the write. */
    private Mono<List<Pairing.Match>> taken(List<Pairing.Match> matches) {
        return db.sql("SELECT id, assigned_agent_id, assigned_at FROM conversations WHERE id IN (:ids) AND status = 'ASSIGNED'")
                .bind("ids", matches.stream().map(m -> m.conversation().id()).toList())
                .map(row -> Map.entry(row.get("id", String.class),
                        new Held(row.get("assigned_agent_id", String.class), row.get("assigned_at", LocalDateTime.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(held -> matches.stream()
                        .filter(m -> new Held(m.agent().id(), Times.toDb(m.assignedAt())).equals(held.get(m.conversation().id())))
                        .toList());
    }

    /** Who holds a conversation since when: only this batch's write gives exactly its match's pair. */
    private record Held(String agentId, LocalDateTime at) {
    }

    /** Each agent's last assignment time becomes their latest match's, as round robin needs. */
    private Mono<Void> touch(List<Pairing.Match> taken) {
        if (taken.isEmpty()) {
            return Mono.empty();
        }
        Map<String, Instant> latest = new LinkedHashMap<>();
        taken.forEach(m -> latest.merge(m.agent().id(), m.assignedAt(), (a, b) -> a.isAfter(b) ? a : b));
        List<String> agents = new ArrayList<>(latest.keySet());
        StringBuilder at = new StringBuilder("CASE id");
        for (int i = 0; i < agents.size(); i++) {
            at.append(" WHEN :g").append(i).append(" THEN CAST(:t").append(i).append(" AS DATETIME(6))");
        }
        Map<String, Object> values = new HashMap<>(agents.size() * 2 + 2);
        for (int i = 0; i < agents.size(); i++) {
            values.put("g" + i, agents.get(i));
            values.put("t" + i, Times.toDb(latest.get(agents.get(i))));
        }
        values.put("agents", agents);
        return db.sql("UPDATE agents SET last_assigned_at = " + at + " END WHERE id IN (:agents)").bindValues(values).then();
    }
}
