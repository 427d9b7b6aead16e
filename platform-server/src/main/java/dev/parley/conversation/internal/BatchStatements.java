package dev.parley.conversation.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Message;
import dev.parley.shared.Times;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Mono;

/**
 * The batch writer's statements, one round trip each whatever the batch's size. Every value is
 * bound, all at once: {@code DatabaseClient} copies its bindings on each {@code bind()}, which is
 * quadratic in a batch's 2,000 values.
 */
final class BatchStatements {

    private final DatabaseClient db;
    private final Rows rows;

    BatchStatements(DatabaseClient db, Rows rows) {
        this.db = db;
        this.rows = rows;
    }

    /** Locks the conversations in id order, so concurrent batches on other nodes queue instead of deadlocking. */
    Mono<Map<String, Locked>> lock(Set<String> ids) {
        return db.sql("SELECT id, account_id, status, assigned_agent_id, last_seq FROM conversations WHERE id IN (:ids)"
                        + " ORDER BY id FOR UPDATE")
                .bind("ids", ids)
                .map(row -> new Locked(row.get("id", String.class), row.get("account_id", String.class),
                        ConversationStatus.valueOf(row.get("status", String.class)), row.get("assigned_agent_id", String.class),
                        Rows.number(row, "last_seq")))
                .all()
                .collectMap(Locked::id);
    }

    /**
     * The stored messages with these client ids. Each pair is its own condition: with two IN lists
     * MariaDB read every message of the batch's conversations (22,500 index ranges for 150 posts, or
     * the whole primary-key range), 50–80 ms a batch at 5,000 msg/s; pairs are 150 point lookups.
     */
    Mono<Map<Key, Message>> existing(Collection<Key> keys) {
        StringBuilder sql = new StringBuilder("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE ");
        Map<String, Object> values = new HashMap<>(keys.size() * 3);
        int i = 0;
        for (Key key : keys) {
            sql.append(i == 0 ? "" : " OR ").append("(conversation_id = :c").append(i).append(" AND client_msg_id = :m").append(i).append(')');
            values.put("c" + i, key.conversationId());
            values.put("m" + i, key.clientMsgId());
            i++;
        }
        return db.sql(sql.toString()).bindValues(values)
                .map(rows::message)
                .all()
                .collectMap(m -> new Key(m.conversationId(), m.clientMsgId()));
    }

    /** One multi-row INSERT; fails with a {@code DataIntegrityViolationException} if a client id is already stored. */
    Mono<Void> insert(List<Message> messages) {
        StringBuilder sql = new StringBuilder("INSERT INTO messages (" + Rows.MESSAGE_COLUMNS + ") VALUES ");
        Map<String, Object> values = new HashMap<>(messages.size() * 14);
        for (int i = 0; i < messages.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:c").append(i).append(", :s").append(i).append(", :m").append(i)
                    .append(", :ak").append(i).append(", :ai").append(i).append(", :an").append(i).append(", :k").append(i)
                    .append(", :b").append(i).append(", :x").append(i).append(", :t").append(i).append(')');
            Message m = messages.get(i);
            values.put("c" + i, m.conversationId());
            values.put("s" + i, m.seq());
            values.put("m" + i, m.clientMsgId());
            values.put("ak" + i, m.author().kind().name());
            values.put("ai" + i, Parameter.fromOrEmpty(m.author().id(), String.class));
            values.put("an" + i, Parameter.fromOrEmpty(m.author().name(), String.class));
            values.put("k" + i, m.kind().name());
            values.put("b" + i, m.body());
            values.put("x" + i, Parameter.fromOrEmpty(rows.json(m.meta()), String.class));
            values.put("t" + i, Times.toDb(m.createdAt()));
        }
        return db.sql(sql.toString()).bindValues(values).then();
    }

    /**
     * Raises each conversation's {@code last_seq} and activity time in one statement; for those in
     * {@code agentReplies} also the reply time (the no-reply timeout's clock) and, on the first reply,
     * the first-response time. One statement instead of two: most batches under load carry a reply.
     */
    Mono<Void> advance(Map<String, Long> lastSeq, Set<String> agentReplies, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE conversations SET last_seq = CASE id");
        List<String> ids = new ArrayList<>(lastSeq.keySet());
        Map<String, Object> values = new HashMap<>(ids.size() * 3 + 4);
        for (int i = 0; i < ids.size(); i++) {
            sql.append(" WHEN :i").append(i).append(" THEN :q").append(i);
            values.put("i" + i, ids.get(i));
            values.put("q" + i, lastSeq.get(ids.get(i)));
        }
        sql.append(" ELSE last_seq END, last_activity_at = :now");
        if (!agentReplies.isEmpty()) {
            sql.append(", last_agent_reply_at = CASE WHEN id IN (:replied) THEN :now ELSE last_agent_reply_at END")
                    .append(", first_response_at = CASE WHEN id IN (:replied) THEN COALESCE(first_response_at, :now)")
                    .append(" ELSE first_response_at END");
            values.put("replied", agentReplies);
        }
        sql.append(" WHERE id IN (:ids)");
        values.put("now", Times.toDb(now));
        values.put("ids", ids);
        return db.sql(sql.toString()).bindValues(values).then();
    }

    record Locked(String id, String accountId, ConversationStatus status, String assignedAgentId, long lastSeq) {
    }

    record Key(String conversationId, String clientMsgId) {
    }
}
