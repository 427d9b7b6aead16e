package dev.parley.conversation.internal;

import java.time.Instant;
import java.util.Map;

import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationQuery;
import dev.parley.shared.Ids;
import dev.parley.shared.Times;
import dev.parley.storage.Deadlocks;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for conversations; reading their messages is {@link MessageRepository}'s. Every statement binds its values.
 *
 * <p>A conditional update of one conversation by id and status (close, reopen, rate, pre-chat
 * answers) may be found by MariaDB through a status index, locking that index entry before the
 * row, while the message writer locks the row first and then the entry: one of them becomes a
 * deadlock victim. These statements change nothing on a second run, so they retry; they must never
 * run inside a transaction, which the deadlock would have rolled back whole.
 */
@Repository
public class ConversationRepository {

    private final DatabaseClient db;
    private final Rows rows;

    ConversationRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.rows = new Rows(json);
    }

    Rows rows() {
        return rows;
    }

    public Mono<Void> insert(Conversation c) {
        return db.sql("INSERT INTO conversations (id, account_id, site_id, visitor_id, open_visitor_id, team_id, status,"
                        + " queued_at, created_at, last_activity_at, prechat) VALUES (:id, :accountId, :siteId, :visitorId,"
                        + " :visitorId, :teamId, :status, :queuedAt, :createdAt, :createdAt, :prechat)")
                .bind("id", c.id())
                .bind("accountId", c.accountId())
                .bind("siteId", c.siteId())
                .bind("visitorId", c.visitorId())
                .bind("teamId", Parameter.fromOrEmpty(c.teamId(), String.class))
                .bind("status", c.status().name())
                .bind("queuedAt", Parameter.fromOrEmpty(c.queuedAt() == null ? null : Times.toDb(c.queuedAt()), java.time.LocalDateTime.class))
                .bind("createdAt", Times.toDb(c.createdAt()))
                .bind("prechat", Parameter.fromOrEmpty(rows.json(c.prechat()), String.class))
                .then();
    }

    /** The conversation; empty without a query when {@code id} is not one this server could have issued. */
    public Mono<Conversation> findWellFormed(String id) {
        return Ids.isWellFormed(id) ? find(id) : Mono.empty();
    }

    public Mono<Conversation> find(String id) {
        return db.sql("SELECT " + Rows.CONVERSATION_COLUMNS + " FROM conversations WHERE id = :id")
                .bind("id", id)
                .map(rows::conversation)
                .one();
    }

    public Mono<Conversation> findOpenForVisitor(String visitorId) {
        return db.sql("SELECT " + Rows.CONVERSATION_COLUMNS + " FROM conversations WHERE open_visitor_id = :visitorId")
                .bind("visitorId", visitorId)
                .map(rows::conversation)
                .one();
    }

    public Flux<Conversation> findForVisitor(String visitorId, int limit) {
        return db.sql("SELECT " + Rows.CONVERSATION_COLUMNS + " FROM conversations WHERE visitor_id = :visitorId"
                        + " ORDER BY created_at DESC LIMIT :limit")
                .bind("visitorId", visitorId)
                .bind("limit", limit)
                .map(rows::conversation)
                .all();
    }

    /**
     * Closes an open conversation; completes with 1 when this call closed it, 0 when it was closed
     * already. The close is not dated before the queueing or assignment it ends: routing may commit
     * one after {@code at} was read, and consumers order a conversation's events by these times.
     */
    public Mono<Long> close(String id, Instant at) {
        return db.sql("UPDATE conversations SET status = 'CLOSED', open_visitor_id = NULL,"
                        + " closed_at = GREATEST(CAST(:at AS DATETIME(6)), COALESCE(assigned_at, CAST(:at AS DATETIME(6))),"
                        + " COALESCE(queued_at, CAST(:at AS DATETIME(6)))),"
                        + " last_activity_at = :at WHERE id = :id AND status <> 'CLOSED'")
                .bind("id", id)
                .bind("at", Times.toDb(at))
                .fetch().rowsUpdated()
                .retryWhen(Deadlocks.retry());
    }

    /**
     * Queues a closed conversation again at the back of the queue; 0 when it was not closed. Not
     * dated before the close it undoes, which may have committed after {@code at} was read.
     */
    public Mono<Long> reopen(String id, Instant at) {
        return db.sql("UPDATE conversations SET status = 'QUEUED', open_visitor_id = visitor_id,"
                        + " queued_at = GREATEST(CAST(:at AS DATETIME(6)), COALESCE(closed_at, CAST(:at AS DATETIME(6)))), closed_at = NULL,"
                        + " assigned_agent_id = NULL, assigned_at = NULL, last_activity_at = :at"
                        + " WHERE id = :id AND status = 'CLOSED'")
                .bind("id", id)
                .bind("at", Times.toDb(at))
                .fetch().rowsUpdated()
                .retryWhen(Deadlocks.retry());
    }

    /** A page of an account's conversations; see {@link ConversationQuery}. */
    public Flux<Conversation> list(ConversationQuery query) {
        String where;
        String order = " ORDER BY last_activity_at DESC, id DESC";
        switch (query.view()) {
            case MINE -> where = " AND assigned_agent_id = :agentId AND status = 'ASSIGNED'";
            case QUEUE -> {
                where = " AND status = 'QUEUED'";
                order = " ORDER BY queued_at, id";
            }
            case ALL -> where = " AND status <> 'CLOSED'";
            default -> where = query.agentId() == null ? " AND status = 'CLOSED'" : " AND status = 'CLOSED' AND assigned_agent_id = :agentId";
        }
        if (query.before() != null && query.view() != ConversationQuery.View.QUEUE) {
            // The order's own tie-break: one time is shared by every conversation of a batch commit.
            where += query.beforeId() == null ? " AND last_activity_at < :before"
                    : " AND (last_activity_at < :before OR (last_activity_at = :before AND id < :beforeId))";
        }
        // The clauses above are constants chosen by the view; every value is bound.
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + Rows.CONVERSATION_COLUMNS + " FROM conversations"
                        + " WHERE account_id = :accountId" + where + order + " LIMIT :limit")
                .bind("accountId", query.accountId())
                .bind("limit", query.limit());
        if (where.contains(":agentId")) {
            spec = spec.bind("agentId", query.agentId());
        }
        if (where.contains(":before")) {
            spec = spec.bind("before", Times.toDb(query.before()));
        }
        if (where.contains(":beforeId")) {
            spec = spec.bind("beforeId", query.beforeId());
        }
        return spec.map(rows::conversation).all();
    }

    /** Forgets a team on closed conversations, so the team can be deleted; open ones are left alone. */
    public Mono<Long> detachTeam(String accountId, String teamId) {
        return db.sql("UPDATE conversations SET team_id = NULL WHERE team_id = :team AND account_id = :accountId AND status = 'CLOSED'")
                .bind("team", teamId)
                .bind("accountId", accountId)
                .fetch().rowsUpdated();
    }

    /** Gives every closed conversation of one visitor to another. */
    public Mono<Long> moveClosed(String fromVisitorId, String toVisitorId) {
        return db.sql("UPDATE conversations SET visitor_id = :to WHERE visitor_id = :from AND open_visitor_id IS NULL")
                .bind("from", fromVisitorId)
                .bind("to", toVisitorId)
                .fetch().rowsUpdated();
    }

    /** Gives one visitor's open conversation to another; the unique key refuses it if they have one. */
    public Mono<Long> moveOpen(String fromVisitorId, String toVisitorId) {
        return db.sql("UPDATE conversations SET visitor_id = :to, open_visitor_id = :to WHERE open_visitor_id = :from")
                .bind("from", fromVisitorId)
                .bind("to", toVisitorId)
                .fetch().rowsUpdated();
    }

    /** Replaces the pre-chat answers of an open conversation; 0 when it is closed. */
    public Mono<Long> updatePrechat(String id, Map<String, String> prechat) {
        return db.sql("UPDATE conversations SET prechat = :prechat WHERE id = :id AND status <> 'CLOSED'")
                .bind("prechat", Parameter.fromOrEmpty(rows.json(prechat), String.class))
                .bind("id", id)
                .fetch().rowsUpdated()
                .retryWhen(Deadlocks.retry());
    }

    /** Records the visitor's rating of a closed conversation; 0 when it is not closed. A later rating replaces an earlier one. */
    public Mono<Long> rate(String id, int rating, String comment) {
        return db.sql("UPDATE conversations SET rating = :rating, rating_comment = :comment WHERE id = :id AND status = 'CLOSED'")
                .bind("rating", rating)
                .bind("comment", Parameter.fromOrEmpty(comment, String.class))
                .bind("id", id)
                .fetch().rowsUpdated()
                .retryWhen(Deadlocks.retry());
    }

    /** Raises a read mark; 0 when it was already at or past {@code seq}, or {@code seq} is beyond the last message. */
    public Mono<Long> markRead(String id, AuthorKind reader, long seq) {
        String column = reader == AuthorKind.VISITOR ? "visitor_read_seq" : "agent_read_seq";
        // The column name is one of two constants chosen above, never input.
        return db.sql("UPDATE conversations SET " + column + " = :seq WHERE id = :id AND " + column + " < :seq AND last_seq >= :seq")
                .bind("id", id)
                .bind("seq", seq)
                .fetch().rowsUpdated();
    }
}
