package dev.parley.agent.internal;

import java.time.Instant;
import java.util.Collection;

import dev.parley.agent.AgentStatus;
import dev.parley.shared.Times;
import dev.parley.storage.Deadlocks;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for presence leases and chosen statuses. Every statement binds its values. */
@Repository
public class PresenceRepository {

    private final DatabaseClient db;

    PresenceRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insertLease(String connectionId, String agentId, String accountId, String nodeId, Instant expiresAt) {
        return db.sql("INSERT INTO presence_leases (connection_id, agent_id, account_id, node_id, expires_at)"
                        + " VALUES (:connection, :agent, :account, :node, :expires)")
                .bind("connection", connectionId)
                .bind("agent", agentId)
                .bind("account", accountId)
                .bind("node", nodeId)
                .bind("expires", Times.toDb(expiresAt))
                .then();
    }

    /** Sets when one lease runs out: later to renew it, sooner when its connection closed. */
    public Mono<Void> expire(String connectionId, Instant at) {
        return db.sql("UPDATE presence_leases SET expires_at = :at WHERE connection_id = :connection")
                .bind("connection", connectionId)
                .bind("at", Times.toDb(at))
                .then();
    }

    /** Makes every lease of the node run out by {@code at} at the latest. */
    public Mono<Void> release(String nodeId, Instant at) {
        return db.sql("UPDATE presence_leases SET expires_at = :at WHERE node_id = :node AND expires_at > :at")
                .bind("at", Times.toDb(at))
                .bind("node", nodeId)
                .then();
    }

    /**
     * Writes a lease, or moves an existing one's expiry to {@code expiresAt}: for a connection whose
     * row may be there or not, so that two writers of the same connection never fail on its key.
     */
    public Mono<Void> upsertLease(String connectionId, String agentId, String accountId, String nodeId, Instant expiresAt) {
        return db.sql("INSERT INTO presence_leases (connection_id, agent_id, account_id, node_id, expires_at)"
                        + " VALUES (:connection, :agent, :account, :node, :expires) ON DUPLICATE KEY UPDATE expires_at = :expires")
                .bind("connection", connectionId)
                .bind("agent", agentId)
                .bind("account", accountId)
                .bind("node", nodeId)
                .bind("expires", Times.toDb(expiresAt))
                .then();
    }

    /** Of {@code connectionIds}, those that have a lease row. */
    public Flux<String> existing(Collection<String> connectionIds) {
        return db.sql("SELECT connection_id FROM presence_leases WHERE connection_id IN (:ids)")
                .bind("ids", connectionIds)
                .map(row -> row.get("connection_id", String.class))
                .all();
    }

    /**
     * Moves the expiry of the node's leases of these connections; completes with the rows changed,
     * which is fewer than asked when a row is missing (and may be fewer on a driver that counts only
     * changed rows, so a short count is a hint to look, not proof of absence).
     */
    public Mono<Long> renew(String nodeId, Collection<String> connectionIds, Instant until) {
        return db.sql("UPDATE presence_leases SET expires_at = :until WHERE node_id = :node AND connection_id IN (:ids)")
                .bind("until", Times.toDb(until))
                .bind("node", nodeId)
                .bind("ids", connectionIds)
                .fetch().rowsUpdated();
    }

    public Mono<Boolean> live(String agentId, Instant now) {
        return db.sql("SELECT COUNT(*) AS n FROM presence_leases WHERE agent_id = :agent AND expires_at > :now")
                .bind("agent", agentId)
                .bind("now", Times.toDb(now))
                .map(row -> row.get("n", Number.class).longValue() > 0)
                .one();
    }

    /** Agents whose every lease expired at or before {@code now}, with their account. */
    public Flux<String[]> expiredAgents(Instant now) {
        return db.sql("SELECT DISTINCT agent_id, account_id FROM presence_leases l WHERE expires_at <= :now"
                        + " AND NOT EXISTS (SELECT 1 FROM presence_leases k WHERE k.agent_id = l.agent_id AND k.expires_at > :now)")
                .bind("now", Times.toDb(now))
                .map(row -> new String[] {row.get("agent_id", String.class), row.get("account_id", String.class)})
                .all();
    }

    /** Forgets the agent's expired leases; they told all they could. */
    public Mono<Long> deleteExpired(String agentId, Instant now) {
        return db.sql("DELETE FROM presence_leases WHERE agent_id = :agent AND expires_at <= :now")
                .bind("agent", agentId)
                .bind("now", Times.toDb(now))
                .fetch().rowsUpdated();
    }

    /** Every active agent of the account with their status, liveness and open chats, by name. */
    public Flux<dev.parley.agent.RosterEntry> roster(String accountId, Instant now) {
        return db.sql("SELECT a.id, a.display_name, a.role, a.status, a.capacity_override,"
                        + " (SELECT COUNT(*) FROM presence_leases l WHERE l.agent_id = a.id AND l.expires_at > :now) AS leases,"
                        + " (SELECT COUNT(*) FROM conversations c WHERE c.assigned_agent_id = a.id AND c.status = 'ASSIGNED') AS open_chats"
                        + " FROM agents a WHERE a.account_id = :account AND a.deactivated_at IS NULL ORDER BY a.display_name, a.id")
                .bind("account", accountId)
                .bind("now", Times.toDb(now))
                .map(row -> new dev.parley.agent.RosterEntry(row.get("id", String.class), row.get("display_name", String.class),
                        dev.parley.agent.Role.valueOf(row.get("role", String.class)), AgentStatus.valueOf(row.get("status", String.class)),
                        row.get("leases", Number.class).intValue() > 0, row.get("open_chats", Number.class).intValue(),
                        row.get("capacity_override", Integer.class)))
                .all();
    }

    public Mono<AgentStatus> status(String agentId) {
        return db.sql("SELECT status FROM agents WHERE id = :id")
                .bind("id", agentId)
                .map(row -> AgentStatus.valueOf(row.get("status", String.class)))
                .one();
    }

    /**
     * Sets the chosen status; completes with the number of rows changed (0: unknown agent or same
     * status). A routing pass locking the account's agents can make this update a deadlock victim;
     * it is retried, since a second run changes nothing more.
     */
    public Mono<Long> setStatus(String accountId, String agentId, AgentStatus status) {
        return db.sql("UPDATE agents SET status = :status WHERE id = :id AND account_id = :account AND status <> :status")
                .bind("status", status.name())
                .bind("id", agentId)
                .bind("account", accountId)
                .fetch().rowsUpdated()
                .retryWhen(Deadlocks.retry());
    }
}
