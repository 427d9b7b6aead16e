package dev.parley.conversation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.ConversationException;
import dev.parley.conversation.ConversationException.Reason;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Message;
import dev.parley.conversation.MessageKind;
import dev.parley.conversation.PostCommand;
import dev.parley.conversation.PostGuard;
import dev.parley.conversation.internal.BatchStatements.Key;
import dev.parley.conversation.internal.BatchStatements.Locked;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;
import org.springframework.r2dbc.core.binding.BindMarkersFactoryResolver;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Commits a batch of posts in one transaction of three statements, whatever its size: lock the
 * conversations, insert every new message in one multi-row INSERT, raise each conversation's
 * {@code last_seq}. On MySQL and MariaDB the statements travel two round trips, the begin with the
 * lock and the insert and update with the commit ({@link BatchStatements#pipelined}); elsewhere
 * (the embedded H2) they run one by one in a {@link TransactionalOperator}'s transaction.
 *
 * <p>Each post's {@link PostGuard} is checked against the locked row before anything else.
 *
 * <p>Seqs come from {@code last_seq} read under the row lock ({@code SELECT … FOR UPDATE}, taken in
 * id order so concurrent batches on other nodes queue instead of deadlocking). A retried client id
 * is rare (a resend after a reconnect), so the insert does not look for one first: the unique key on
 * {@code (conversation_id, client_msg_id)} refuses it, which rolls back that statement only
 * (InnoDB's and H2's statement atomicity), and the batch is planned again, still under its locks,
 * from a lookup of its client ids. The lock means no other node can commit one meanwhile.
 */
final class BatchWriter {

    /** The name r2dbc-mysql gives its connection factories, MariaDB's included. */
    private static final String MYSQL = "MySQL";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Rows rows;
    private final Clock clock;
    private final BindMarkersFactory markers;
    private final BatchStatements inTransaction;
    private final boolean pipelined;

    /** {@code tx} runs transactions on {@code db}'s connections. */
    BatchWriter(DatabaseClient db, TransactionalOperator tx, Rows rows, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.rows = rows;
        this.clock = clock;
        this.markers = BindMarkersFactoryResolver.resolve(db.getConnectionFactory());
        this.inTransaction = BatchStatements.inTransaction(db, rows);
        this.pipelined = MYSQL.equals(db.getConnectionFactory().getMetadata().getName());
    }

    /**
     * Commits the batch in a transaction of its own. Completes with one outcome per command, in
     * order, once committed; fails with nothing stored, a statement's failure as a
     * {@code DataAccessException} and a connection the pool could not give as the pool's error.
     * Each subscription is a new attempt.
     */
    Mono<List<Outcome>> commit(List<PostCommand> commands) {
        if (!pipelined) {
            return tx.transactional(Mono.defer(() -> write(inTransaction, commands)));
        }
        ConnectionFactory connections = db.getConnectionFactory();
        return Mono.usingWhen(Mono.<Connection>from(connections.create()),
                connection -> write(BatchStatements.pipelined(connection, markers, rows), commands),
                Connection::close,
                (connection, error) -> rollbackAndClose(connection),
                BatchWriter::rollbackAndClose);
    }

    /**
     * Ends whatever transaction a failed or cancelled batch left open before the pool hands the
     * connection out again. r2dbc-mysql also rolls back as the pool takes a connection back; a
     * batch does not rely on that hook.
     */
    private static Mono<Void> rollbackAndClose(Connection connection) {
        return Flux.from(connection.createStatement("ROLLBACK").execute())
                .concatMap(Result::getRowsUpdated)
                // A connection that cannot roll back has broken; the server rolls back as it closes it.
                .onErrorResume(e -> Mono.empty())
                .then(Mono.from(connection.close()));
    }

    private Mono<List<Outcome>> write(BatchStatements statements, List<PostCommand> commands) {
        Set<String> ids = new TreeSet<>();
        Set<Key> keys = new LinkedHashSet<>();
        commands.forEach(c -> {
            ids.add(c.conversationId());
            keys.add(new Key(c.conversationId(), c.clientMsgId()));
        });
        return statements.lock(ids).flatMap(locked -> {
            // Read under the locks, so a conversation's times follow its seqs on every node.
            Instant now = clock.instant();
            return store(statements, plan(commands, locked, Map.of(), now), now)
                    .onErrorResume(DataIntegrityViolationException.class, retried -> statements.existing(keys)
                            .flatMap(found -> store(statements, plan(commands, locked, found, now), now)));
        });
    }

    private static Mono<List<Outcome>> store(BatchStatements statements, Plan plan, Instant now) {
        return statements.store(plan.inserts(), plan.lastSeq(), plan.agentReplies(), now).thenReturn(plan.outcomes());
    }

    private static Plan plan(List<PostCommand> commands, Map<String, Locked> locked, Map<Key, Message> found, Instant now) {
        Plan plan = new Plan(new ArrayList<>(commands.size()), new ArrayList<>(), new HashMap<>(), new TreeSet<>());
        Map<Key, Message> seen = new HashMap<>(found);
        for (PostCommand command : commands) {
            Key key = new Key(command.conversationId(), command.clientMsgId());
            Locked conversation = locked.get(command.conversationId());
            Message earlier = seen.get(key);
            RuntimeException refusal;
            if (conversation == null) {
                plan.outcomes().add(new Outcome.Refused(command, new ConversationException(Reason.NOT_FOUND, "No such conversation")));
            }
            else if ((refusal = command.guard().check(target(conversation))) != null) {
                plan.outcomes().add(new Outcome.Refused(command, refusal));
            }
            else if (earlier != null) {
                plan.outcomes().add(new Outcome.Duplicate(command, earlier));
            }
            else if (conversation.status() == ConversationStatus.CLOSED && command.kind() != MessageKind.EVENT) {
                plan.outcomes().add(new Outcome.Refused(command, new ConversationException(Reason.CLOSED, "The conversation is closed")));
            }
            else {
                long seq = plan.lastSeq().merge(command.conversationId(), conversation.lastSeq() + 1, (old, ignored) -> old + 1);
                Message message = new Message(command.conversationId(), seq, command.clientMsgId(), command.author(),
                        command.kind(), command.body(), command.meta(), now);
                seen.put(key, message);
                plan.inserts().add(message);
                plan.outcomes().add(new Outcome.Stored(command, conversation.accountId(), message));
                if (command.author().kind() == AuthorKind.AGENT && command.kind() == MessageKind.TEXT) {
                    plan.agentReplies().add(command.conversationId());
                }
            }
        }
        return plan;
    }

    private static PostGuard.Target target(Locked conversation) {
        return new PostGuard.Target(conversation.accountId(), conversation.status(), conversation.assignedAgentId());
    }

    /** What a batch stores, and what each post gets back. */
    private record Plan(List<Outcome> outcomes, List<Message> inserts, Map<String, Long> lastSeq, Set<String> agentReplies) {
    }
}
