package dev.parley.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Compares what every client received and had acknowledged with the database, Jepsen style: each
 * conversation is a log. Collects every violation instead of stopping at the first. Test code.
 */
final class Checker {

    private final DatabaseClient db;
    final List<String> violations = new ArrayList<>();
    int acknowledged;
    int conversations;

    Checker(DatabaseClient db) {
        this.db = db;
    }

    record Row(long seq, String clientMsgId, String kind) {
    }

    List<Row> log(String conversationId) {
        return db.sql("SELECT seq, client_msg_id, kind FROM messages WHERE conversation_id = :id ORDER BY seq")
                .bind("id", conversationId)
                .map(row -> new Row(((Number) row.get("seq")).longValue(), row.get("client_msg_id", String.class), row.get("kind", String.class)))
                .all().collectList().block(Cluster.WAIT);
    }

    Checker check(Traffic traffic) {
        Map<String, List<Row>> logs = new HashMap<>();
        for (ChatVisitor visitor : traffic.visitors) {
            List<Row> rows = logs.computeIfAbsent(visitor.conversationId, this::log);
            conversations++;
            checkLog(visitor.conversationId, rows);
            visitor.violations.forEach(v -> violations.add(visitor.name + ": " + v));
            TreeSet<Long> held = new TreeSet<>(visitor.paged);
            Set<Long> once = new HashSet<>();
            for (long seq : visitor.delivered) {
                if (!once.add(seq) || visitor.paged.contains(seq)) {
                    violations.add(visitor.name + ": seq " + seq + " received twice");
                }
                held.add(seq);
            }
            // No notes are written here: a visitor must hold exactly seq 1..n.
            TreeSet<Long> expected = new TreeSet<>(rows.stream().map(Row::seq).toList());
            if (!held.equals(expected)) {
                TreeSet<Long> lost = new TreeSet<>(expected);
                lost.removeAll(held);
                violations.add(visitor.name + ": holds " + held.size() + " of " + expected.size() + " messages; missing " + lost);
            }
            checkAcks(visitor.name, visitor.acks, id -> visitor.conversationId, rows, logs);
        }
        for (ChatAgent agent : traffic.agents) {
            agent.violations.forEach(v -> violations.add(agent.name + ": " + v));
            checkAcks(agent.name, agent.acks, agent.ackedIn::get, null, logs);
            for (String conversationId : agent.vanished ? List.<String>of() : agent.mine) {
                List<Row> rows = logs.computeIfAbsent(conversationId, this::log);
                TreeSet<Long> held = new TreeSet<>(agent.history.getOrDefault(conversationId, new TreeSet<>()));
                held.addAll(agent.delivered.getOrDefault(conversationId, List.of()));
                TreeSet<Long> expected = new TreeSet<>(rows.stream().map(Row::seq).toList());
                if (!held.containsAll(expected)) {
                    expected.removeAll(held);
                    violations.add(agent.name + ": misses " + expected + " of its conversation " + conversationId + "; " + agent.describe());
                }
            }
        }
        return this;
    }

    /** The database's own log: seq 1..n with no gap, each client id once. */
    private void checkLog(String conversationId, List<Row> rows) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).seq() != i + 1) {
                violations.add(conversationId + ": stored seq " + rows.get(i).seq() + " at position " + (i + 1));
            }
            if (!ids.add(rows.get(i).clientMsgId())) {
                violations.add(conversationId + ": client id " + rows.get(i).clientMsgId() + " stored twice");
            }
        }
    }

    /** Every acknowledged send is stored once, with the seq its acknowledgement gave. */
    private void checkAcks(String who, Map<String, Long> acks, java.util.function.Function<String, String> conversationOf, List<Row> known,
            Map<String, List<Row>> logs) {
        for (Map.Entry<String, Long> ack : acks.entrySet()) {
            acknowledged++;
            String conversationId = conversationOf.apply(ack.getKey());
            List<Row> rows = known != null ? known : logs.computeIfAbsent(conversationId, this::log);
            List<Row> stored = rows.stream().filter(r -> ack.getKey().equals(r.clientMsgId())).toList();
            if (stored.size() != 1 || stored.get(0).seq() != ack.getValue()) {
                violations.add(who + ": acknowledged " + ack.getKey() + " as seq " + ack.getValue() + " but stored " + stored);
            }
        }
    }
}
