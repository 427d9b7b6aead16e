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
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import org.springframework.r2dbc.connection.ConnectionFactoryUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;
import org.springframework.r2dbc.core.binding.BindMarkersFactoryResolver;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The batch writer's statements. Each is generated for its batch with the database's own bind
 * markers and bound by position ({@link BoundSql}); failures surface as Spring's
 * {@code DataAccessException}s, as for any other statement.
 *
 * <p>{@link #inTransaction} statements run on the connection of the caller's transaction, one round
 * trip each. {@link #pipelined} statements run on one MySQL/MariaDB connection and manage its
 * transaction themselves, sending several statements per round trip: the lock opens the
 * transaction, and the store commits it with the insert and the update. A batch then costs two
 * round trips instead of five (begin, lock, insert, update, commit), each of which also waited its
 * turn on a busy event loop. The server runs such a string's statements in order and stops at the
 * first that fails, so a refused insert leaves the transaction open and unchanged, as before.
 */
final class BatchStatements {

    /** Read committed, as every {@code PriorityDatabase} transaction; {@code SET TRANSACTION} applies to the next one only. */
    private static final String BEGIN = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION READ WRITE; ";

    private final Executor executor;
    private final BindMarkersFactory markers;
    private final Rows rows;
    private final boolean pipelined;

    private BatchStatements(Executor executor, BindMarkersFactory markers, Rows rows, boolean pipelined) {
        this.executor = executor;
        this.markers = markers;
        this.rows = rows;
        this.pipelined = pipelined;
    }

    /** Statements in the transaction the caller runs them in, one round trip each. */
    static BatchStatements inTransaction(DatabaseClient db, Rows rows) {
        return new BatchStatements(db::inConnectionMany, BindMarkersFactoryResolver.resolve(db.getConnectionFactory()), rows, false);
    }

    /**
     * Statements on {@code connection} (MySQL or MariaDB, outside any transaction), which {@link #lock}
     * begins a transaction on and {@link #store} commits; the caller rolls back when either fails.
     */
    static BatchStatements pipelined(Connection connection, BindMarkersFactory markers, Rows rows) {
        return new BatchStatements(new Executor() {
            @Override
            public <T> Flux<T> run(Function<Connection, Flux<T>> action) {
                return Flux.defer(() -> action.apply(connection))
                        .onErrorMap(R2dbcException.class, e -> ConnectionFactoryUtils.convertR2dbcException("batch", null, e));
            }
        }, markers, rows, true);
    }

    /**
     * Locks the conversations in id order, so concurrent batches on other nodes queue instead of
     * deadlocking; pipelined, begins the transaction first in the same round trip.
     */
    Mono<Map<String, Locked>> lock(Set<String> ids) {
        BoundSql sql = new BoundSql(markers, (pipelined ? BEGIN : "") + "SELECT id, account_id, status, assigned_agent_id, last_seq FROM conversations WHERE id IN ")
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

    /**
     * Stores the messages (none: stores nothing) and raises their conversations' {@code last_seq};
     * pipelined, also commits, in one round trip. Fails with a {@code DataIntegrityViolationException}
     * if a client id is already stored, having changed nothing; the transaction stays open.
     */
    Mono<Void> store(List<Message> messages, Map<String, Long> lastSeq, Set<String> agentReplies, Instant now) {
        if (!pipelined) {
            return messages.isEmpty() ? Mono.empty() : update(insert(messages)).then(update(advance(lastSeq, agentReplies, now)));
        }
        if (messages.isEmpty()) {
            return update(new BoundSql(markers, "COMMIT"));
        }
        BoundSql sql = insert(messages);
        advance(sql.sql("; "), lastSeq, agentReplies, now);
        return update(sql.sql("; COMMIT"));
    }

    /** One multi-row INSERT. */
    private BoundSql insert(List<Message> messages) {
        BoundSql sql = new BoundSql(markers, "INSERT INTO messages (" + Rows.MESSAGE_COLUMNS + ") VALUES ");
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            sql.sql(i == 0 ? "(" : ", (").value(m.conversationId()).sql(", ").value(m.seq()).sql(", ").value(m.clientMsgId())
                    .sql(", ").value(m.author().kind().name()).sql(", ").value(m.author().id()).sql(", ").value(m.author().name())
                    .sql(", ").value(m.kind().name()).sql(", ").value(m.body()).sql(", ").value(rows.json(m.meta()))
                    .sql(", ").value(Times.toDb(m.createdAt())).sql(")");
        }
        return sql;
    }

    private BoundSql advance(Map<String, Long> lastSeq, Set<String> agentReplies, Instant now) {
        return advance(new BoundSql(markers, ""), lastSeq, agentReplies, now);
    }

    /**
     * Raises each conversation's {@code last_seq} and activity time in one statement; for those in
     * {@code agentReplies} also the reply time (the no-reply timeout's clock) and, on the first reply,
     * the first-response time. One statement instead of two: most batches under load carry a reply.
     */
    private static BoundSql advance(BoundSql sql, Map<String, Long> lastSeq, Set<String> agentReplies, Instant now) {
        Object at = Times.toDb(now);
        sql.sql("UPDATE conversations SET last_seq = CASE id");
        lastSeq.forEach((id, seq) -> sql.sql(" WHEN ").value(id).sql(" THEN ").value(seq));
        sql.sql(" ELSE last_seq END, last_activity_at = ").value(at);
        if (!agentReplies.isEmpty()) {
            sql.sql(", last_agent_reply_at = CASE WHEN id IN ").list(agentReplies).sql(" THEN ").value(at)
                    .sql(" ELSE last_agent_reply_at END, first_response_at = CASE WHEN id IN ").list(agentReplies)
                    .sql(" THEN COALESCE(first_response_at, ").value(at).sql(") ELSE first_response_at END");
        }
        return sql.sql(" WHERE id IN ").list(lastSeq.keySet());
    }

    private <T> Flux<T> rows(BoundSql sql, Function<Readable, T> mapper) {
        return executor.run(connection -> Flux.from(sql.statement(connection).execute())
                .concatMap(result -> result.map(mapper)));
    }

    private Mono<Void> update(BoundSql sql) {
        return executor.<Long>run(connection -> Flux.from(sql.statement(connection).execute())
                .concatMap(Result::getRowsUpdated))
                .then();
    }

    /** Runs an action on the connection the statements go to. */
    private interface Executor {
        <T> Flux<T> run(Function<Connection, Flux<T>> action);
    }

    record Locked(String id, String accountId, ConversationStatus status, String assignedAgentId, long lastSeq) {
    }

    record Key(String conversationId, String clientMsgId) {
    }
}
