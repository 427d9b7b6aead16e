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
import dev.parley.shared.Times;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Mono;

/**
 * Commits a batch of posts in one transaction and a handful of round trips, whatever its size:
 * lock the conversations, look up retried client ids, insert every new message in one multi-row
 * INSERT, and raise each conversation's {@code last_seq}.
 *
 * <p>Each post's {@link PostGuard} is checked against the locked row before anything else.
 *
 * <p>Seqs come from {@code last_seq} read under the row lock ({@code SELECT … FOR UPDATE}, taken in
 * id order so concurrent batches on other nodes queue instead of deadlocking). The retry lookup
 * runs after the lock, so it sees any commit of the same client id by another node; the unique key
 * on {@code (conversation_id, client_msg_id)} backs that up.
 */
final class BatchWriter {

    private final DatabaseClient db;
    private final Rows rows;
    private final Clock clock;

    BatchWriter(DatabaseClient db, Rows rows, Clock clock) {
        this.db = db;
        this.rows = rows;
        this.clock = clock;
    }

    /** Must run inside a transaction. Completes with one outcome per command, in order. */
    Mono<List<Outcome>> write(List<PostCommand> commands) {
        Set<String> ids = new TreeSet<>();
        Set<String> clientIds = new LinkedHashSet<>();
        commands.forEach(c -> {
            ids.add(c.conversationId());
            clientIds.add(c.clientMsgId());
        });
        return lock(ids).flatMap(locked -> existing(ids, clientIds)
                .flatMap(found -> store(commands, locked, found)));
    }

    private Mono<Map<String, Locked>> lock(Set<String> ids) {
        return db.sql("SELECT id, account_id, status, assigned_agent_id, last_seq FROM conversations WHERE id IN (:ids)"
                        + " ORDER BY id FOR UPDATE")
                .bind("ids", ids)
                .map(row -> new Locked(row.get("id", String.class), row.get("account_id", String.class),
                        ConversationStatus.valueOf(row.get("status", String.class)), row.get("assigned_agent_id", String.class),
                        Rows.number(row, "last_seq")))
                .all()
                .collectMap(Locked::id);
    }

    private Mono<Map<Key, Message>> existing(Set<String> ids, Set<String> clientIds) {
        return db.sql("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE conversation_id IN (:ids)"
                        + " AND client_msg_id IN (:clientIds)")
                .bind("ids", ids)
                .bind("clientIds", clientIds)
                .map(rows::message)
                .all()
                .collectMap(m -> new Key(m.conversationId(), m.clientMsgId()));
    }

    private Mono<List<Outcome>> store(List<PostCommand> commands, Map<String, Locked> locked, Map<Key, Message> found) {
        Instant now = clock.instant();
        Map<String, Long> lastSeq = new HashMap<>();
        Set<String> agentReplies = new TreeSet<>();
        Map<Key, Message> seen = new HashMap<>(found);
        List<Outcome> outcomes = new ArrayList<>(commands.size());
        List<Message> inserts = new ArrayList<>();
        for (PostCommand command : commands) {
            Key key = new Key(command.conversationId(), command.clientMsgId());
            Locked conversation = locked.get(command.conversationId());
            Message earlier = seen.get(key);
            RuntimeException refusal;
            if (conversation == null) {
                outcomes.add(new Outcome.Refused(command, new ConversationException(Reason.NOT_FOUND, "No such conversation")));
            }
            else if ((refusal = command.guard().check(conversation.target())) != null) {
                outcomes.add(new Outcome.Refused(command, refusal));
            }
            else if (earlier != null) {
                outcomes.add(new Outcome.Duplicate(command, earlier));
            }
            else if (conversation.status() == ConversationStatus.CLOSED && command.kind() != MessageKind.EVENT) {
                outcomes.add(new Outcome.Refused(command, new ConversationException(Reason.CLOSED, "The conversation is closed")));
            }
            else {
                long seq = lastSeq.merge(command.conversationId(), conversation.lastSeq() + 1, (old, ignored) -> old + 1);
                Message message = new Message(command.conversationId(), seq, command.clientMsgId(), command.author(),
                        command.kind(), command.body(), command.meta(), now);
                seen.put(key, message);
                inserts.add(message);
                outcomes.add(new Outcome.Stored(command, conversation.accountId(), message));
                if (command.author().kind() == AuthorKind.AGENT && command.kind() == MessageKind.TEXT) {
                    agentReplies.add(command.conversationId());
                }
            }
        }
        if (inserts.isEmpty()) {
            return Mono.just(outcomes);
        }
        return insert(inserts)
                .then(raiseLastSeq(lastSeq, now))
                .then(agentReplies.isEmpty() ? Mono.empty() : markAgentReplies(agentReplies, now))
                .thenReturn(outcomes);
    }

    private Mono<Void> insert(List<Message> messages) {
        StringBuilder sql = new StringBuilder("INSERT INTO messages (" + Rows.MESSAGE_COLUMNS + ") VALUES ");
        for (int i = 0; i < messages.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:c").append(i).append(", :s").append(i).append(", :m").append(i)
                    .append(", :ak").append(i).append(", :ai").append(i).append(", :an").append(i).append(", :k").append(i)
                    .append(", :b").append(i).append(", :x").append(i).append(", :t").append(i).append(')');
        }
        // The statement text is placeholders only; every value is bound below, all at once:
        // DatabaseClient copies its bindings on each bind(), quadratic in a batch's 2,000 values.
        Map<String, Object> values = new HashMap<>(messages.size() * 14);
        for (int i = 0; i < messages.size(); i++) {
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

    private Mono<Void> raiseLastSeq(Map<String, Long> lastSeq, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE conversations SET last_seq = CASE id");
        List<String> ids = new ArrayList<>(lastSeq.keySet());
        for (int i = 0; i < ids.size(); i++) {
            sql.append(" WHEN :i").append(i).append(" THEN :q").append(i);
        }
        sql.append(" ELSE last_seq END, last_activity_at = :now WHERE id IN (:ids)");
        Map<String, Object> values = new HashMap<>(ids.size() * 3 + 4);
        values.put("now", Times.toDb(now));
        values.put("ids", ids);
        for (int i = 0; i < ids.size(); i++) {
            values.put("i" + i, ids.get(i));
            values.put("q" + i, lastSeq.get(ids.get(i)));
        }
        return db.sql(sql.toString()).bindValues(values).then();
    }

    /** The first reply sets the first-response time; every reply answers the no-reply timeout. */
    private Mono<Void> markAgentReplies(Set<String> ids, Instant now) {
        return db.sql("UPDATE conversations SET last_agent_reply_at = :now, first_response_at = COALESCE(first_response_at, :now)"
                        + " WHERE id IN (:ids)")
                .bind("now", Times.toDb(now))
                .bind("ids", ids)
                .then();
    }

    private record Locked(String id, String accountId, ConversationStatus status, String assignedAgentId, long lastSeq) {

        PostGuard.Target target() {
            return new PostGuard.Target(accountId, status, assignedAgentId);
        }
    }

    private record Key(String conversationId, String clientMsgId) {
    }
}
