package dev.parley.conversation.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Message;
import dev.parley.shared.Times;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;
import org.springframework.r2dbc.core.binding.BindMarkersFactoryResolver;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The batch writer's statements, one round trip each whatever the batch's size. Each is generated
 * for its batch with the database's own bind markers and bound by position ({@link BoundSql}), and
 * runs on the connection of the caller's transaction through {@code DatabaseClient}, which turns
 * failures into Spring's {@code DataAccessException}s as for any other statement.
 */
final class BatchStatements {

    private final DatabaseClient db;
    private final BindMarkersFactory markers;
    private final Rows rows;

    BatchStatements(DatabaseClient db, Rows rows) {
        this.db = db;
        this.markers = BindMarkersFactoryResolver.resolve(db.getConnectionFactory());
        this.rows = rows;
    }

    /** Locks the conversations in id order, so concurrent batches on other nodes queue instead of deadlocking. */
    Mono<Map<String, Locked>> lock(Set<String> ids) {
        BoundSql sql = new BoundSql(markers, "SELECT id, account_id, status, assigned_agent_id, last_seq FROM conversations WHERE id IN ")
                .list(ids).sql(" ORDER BY id FOR UPDATE");
        return rows(sql, row -> new Locked(row.get("id", String.class), row.get("account_id", String.class),
                        ConversationStatus.valueOf(row.get("status", String.class)), row.get("assigned_agent_id", String.class),
                        Rows.number(row, "last_seq")))
                .collectMap(Locked::id);
    }

    /**
     * The stored messages with these client ids. Each pair is its own condition: with two IN lists
     * MariaDB read every message of the batch's conversations (22,500 index ranges for 150 posts, or
     * the whole primary-key range), 50–80 ms a batch at 5,000 msg/s; pairs are 150 point lookups.
     */
    Mono<Map<Key, Message>> existing(Collection<Key> keys) {
        BoundSql sql = new BoundSql(markers, "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE ");
        boolean first = true;
        for (Key key : keys) {
            sql.sql(first ? "(conversation_id = " : " OR (conversation_id = ").value(key.conversationId())
                    .sql(" AND client_msg_id = ").value(key.clientMsgId()).sql(")");
            first = false;
        }
        return rows(sql, rows::message).collectMap(m -> new Key(m.conversationId(), m.clientMsgId()));
    }

    /** One multi-row INSERT; fails with a {@code DataIntegrityViolationException} if a client id is already stored. */
    Mono<Void> insert(List<Message> messages) {
        BoundSql sql = new BoundSql(markers, "INSERT INTO messages (" + Rows.MESSAGE_COLUMNS + ") VALUES ");
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            sql.sql(i == 0 ? "(" : ", (").value(m.conversationId()).sql(", ").value(m.seq()).sql(", ").value(m.clientMsgId())
                    .sql(", ").value(m.author().kind().name()).sql(", ").value(m.author().id()).sql(", ").value(m.author().name())
                    .sql(", ").value(m.kind().name()).sql(", ").value(m.body()).sql(", ").value(rows.json(m.meta()))
                    .sql(", ").value(Times.toDb(m.createdAt())).sql(")");
        }
        return update(sql);
    }

    /**
     * Raises each conversation's {@code last_seq} and activity time in one statement; for those in
     * {@code agentReplies} also the reply time (the no-reply timeout's clock) and, on the first reply,
     * the first-response time. One statement instead of two: most batches under load carry a reply.
     */
    Mono<Void> advance(Map<String, Long> lastSeq, Set<String> agentReplies, Instant now) {
        Object at = Times.toDb(now);
        BoundSql sql = new BoundSql(markers, "UPDATE conversations SET last_seq = CASE id");
        lastSeq.forEach((id, seq) -> sql.sql(" WHEN ").value(id).sql(" THEN ").value(seq));
        sql.sql(" ELSE last_seq END, last_activity_at = ").value(at);
        if (!agentReplies.isEmpty()) {
            sql.sql(", last_agent_reply_at = CASE WHEN id IN ").list(agentReplies).sql(" THEN ").value(at)
                    .sql(" ELSE last_agent_reply_at END, first_response_at = CASE WHEN id IN ").list(agentReplies)
                    .sql(" THEN COALESCE(first_response_at, ").value(at).sql(") ELSE first_response_at END");
        }
        sql.sql(" WHERE id IN ").list(lastSeq.keySet());
        return update(sql);
    }

    private <T> Flux<T> rows(BoundSql sql, Function<Readable, T> mapper) {
        return db.inConnectionMany(connection -> Flux.from(sql.statement(connection).execute())
                .concatMap(result -> result.map(mapper)));
    }

    private Mono<Void> update(BoundSql sql) {
        return db.inConnection(connection -> Flux.from(sql.statement(connection).execute())
                .concatMap(Result::getRowsUpdated)
                .then());
    }

    record Locked(String id, String accountId, ConversationStatus status, String assignedAgentId, long lastSeq) {
    }

    record Key(String conversationId, String clientMsgId) {
    }
}
