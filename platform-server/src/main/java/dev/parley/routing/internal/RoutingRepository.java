package dev.parley.routing.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.parley.shared.Times;
import dev.parley.storage.Deadlocks;
import dev.parley.storage.PriorityDatabase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for the queue and assignments. Methods that change an assignment are conditional on the
 * state they expect, so a stale view changes nothing; callers that raise an agent's load hold the
 * account lock ({@link AccountLock}) for the whole transaction.
 */
@Repository
public class RoutingRepository {

    /** An agent counts as available only with a status of ONLINE and a lease that has not run out. */
    private static final String AVAILABLE = "a.account_id = :account AND a.status = 'ONLINE' AND a.deactivated_at IS NULL"
            + " AND EXISTS (SELECT 1 FROM presence_leases l WHERE l.agent_id = a.id AND l.expires_at > :now)";

    private final DatabaseClient db;

    /** On the priority pool: see {@link PriorityDatabase}. */
    RoutingRepository(PriorityDatabase priority) {
        this.db = priority.client();
    }

    public Flux<Waiting> queued(String accountId, int limit) {
        return db.sql("SELECT id, site_id, team_id, queued_at, passed_agent_id FROM conversations WHERE account_id = :account"
                        + " AND status = 'QUEUED' ORDER BY queued_at, id LIMIT :limit")
                .bind("account", accountId)
                .bind("limit", limit)
                .map(row -> new Waiting(row.get("id", String.class), row.get("site_id", String.class), row.get("team_id", String.class),
                        Times.fromDb(row.get("queued_at", LocalDateTime.class)), row.get("passed_agent_id", String.class)))
                .all();
    }

    /** Available agents, each with the teams they belong to. */
    public Mono<List<Candidate>> candidates(String accountId, Instant now) {
        Mono<Map<String, Set<String>>> teams = db.sql("SELECT m.agent_id, m.team_id FROM team_members m JOIN agents a ON a.id = m.agent_id"
                        + " WHERE " + AVAILABLE)
                .bind("account", accountId)
                .bind("now", Times.toDb(now))
                .map(row -> new String[] {row.get("agent_id", String.class), row.get("team_id", String.class)})
                .all()
                .collect(HashMap::new, (map, pair) -> map.computeIfAbsent(pair[0], k -> new HashSet<>()).add(pair[1]));
        return teams.flatMap(memberships -> db.sql("SELECT a.id, a.display_name, a.capacity_override, a.last_assigned_at FROM agents a"
                        + " WHERE " + AVAILABLE)
                .bind("account", accountId)
                .bind("now", Times.toDb(now))
                .map(row -> new Candidate(row.get("id", String.class), row.get("display_name", String.class),
                        row.get("capacity_override", Integer.class), Times.fromDb(row.get("last_assigned_at", LocalDateTime.class)),
                        memberships.getOrDefault(row.get("id", String.class), Set.of())))
                .all()
                .collectList());
    }

    /** Open chats per agent of the account. */
    public Mono<Map<String, Integer>> loads(String accountId) {
        return db.sql("SELECT assigned_agent_id, COUNT(*) AS n FROM conversations WHERE account_id = :account AND status = 'ASSIGNED'"
                        + " GROUP BY assigned_agent_id")
                .bind("account", accountId)
                .map(row -> Map.entry(row.get("assigned_agent_id", String.class), row.get("n", Number.class).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    public Mono<Integer> load(String agentId) {
        return db.sql("SELECT COUNT(*) AS n FROM conversations WHERE assigned_agent_id = :agent AND status = 'ASSIGNED'")
                .bind("agent", agentId)
                .map(row -> row.get("n", Number.class).intValue())
                .one();
    }

    /** Gives a conversation in one of {@code from} to the agent; 0 when it is no longer in such a status. */
    public Mono<Long> assign(String conversationId, String agentId, Instant at, Collection<String> from) {
        return db.sql("UPDATE conversations SET status = 'ASSIGNED', assigned_agent_id = :agent, assigned_at = :at,"
                        + " first_assigned_at = COALESCE(first_assigned_at, :at),"
                        + " passed_agent_id = NULL, pending_reason = NULL, last_activity_at = :at WHERE id = :id AND status IN (:from)")
                .bind("agent", agentId)
                .bind("at", Times.toDb(at))
                .bind("id", conversationId)
                .bind("from", from)
                .fetch().rowsUpdated();
    }

    public Mono<Void> touchAgent(String agentId, Instant at) {
        return db.sql("UPDATE agents SET last_assigned_at = :at WHERE id = :id").bind("at", Times.toDb(at)).bind("id", agentId).then();
    }

    /** Takes a conversation back from its agent into the queue at its original place; 0 when it was not theirs. */
    public Mono<Long> requeue(String conversationId, String agentId, String passedAgentId) {
        return db.sql("UPDATE conversations SET status = 'QUEUED', assigned_agent_id = NULL, assigned_at = NULL,"
                        + " passed_agent_id = :passed WHERE id = :id AND status = 'ASSIGNED' AND assigned_agent_id = :agent")
                .bind("passed", Parameter.fromOrEmpty(passedAgentId, String.class))
                .bind("id", conversationId)
                .bind("agent", agentId)
                .fetch().rowsUpdated();
    }

    /** Moves a conversation to a team's queue, keeping its place; 0 when it is closed. */
    public Mono<Long> toTeam(String conversationId, String teamId) {
        return db.sql("UPDATE conversations SET status = 'QUEUED', team_id = :team, assigned_agent_id = NULL, assigned_at = NULL,"
                        + " pending_reason = NULL, queued_at = COALESCE(queued_at, created_at) WHERE id = :id AND status <> 'CLOSED'")
                .bind("team", teamId)
                .bind("id", conversationId)
                .fetch().rowsUpdated();
    }

    /**
     * Parks a queued conversation for follow-up; 0 when it was no longer queued. Never inside a
     * transaction: MariaDB may find the row through the status index and then meet the message
     * writer, which locks the row before that index; the deadlock victim is retried.
     */
    public Mono<Long> pending(String conversationId, String reason) {
        return db.sql("UPDATE conversations SET status = 'PENDING', pending_reason = :reason WHERE id = :id AND status = 'QUEUED'")
                .bind("reason", reason)
                .bind("id", conversationId)
                .fetch().rowsUpdated()
                .retryWhen(Deadlocks.retry());
    }

    /** An agent of the account as a transfer or claim needs them: whether they may take one more chat. */
    public Mono<Target> target(String accountId, String agentId, Instant now) {
        return db.sql("SELECT a.id, a.display_name, a.capacity_override, a.status, a.deactivated_at,"
                        + " (SELECT COUNT(*) FROM presence_leases l WHERE l.agent_id = a.id AND l.expires_at > :now) AS leases,"
                        + " (SELECT COUNT(*) FROM conversations c WHERE c.assigned_agent_id = a.id AND c.status = 'ASSIGNED') AS open_chats"
                        + " FROM agents a WHERE a.id = :agent AND a.account_id = :account")
                .bind("agent", agentId)
                .bind("account", accountId)
                .bind("now", Times.toDb(now))
                .map(row -> new Target(row.get("id", String.class), row.get("display_name", String.class),
                        row.get("capacity_override", Integer.class), row.get("status", String.class),
                        row.get("deactivated_at", LocalDateTime.class) == null, row.get("leases", Number.class).intValue() > 0,
                        row.get("open_chats", Number.class).intValue()))
                .one();
    }

    public record Target(String id, String name, Integer capacityOverride, String status, boolean active, boolean live, int load) {
    }

    public Mono<Boolean> member(String teamId, String agentId) {
        return db.sql("SELECT COUNT(*) AS n FROM team_members WHERE team_id = :team AND agent_id = :agent")
                .bind("team", teamId)
                .bind("agent", agentId)
                .map(row -> row.get("n", Number.class).intValue() > 0)
                .one();
    }

    public Mono<Boolean> teamOf(String accountId, String teamId) {
        return db.sql("SELECT COUNT(*) AS n FROM teams WHERE id = :team AND account_id = :account")
                .bind("team", teamId)
                .bind("account", accountId)
                .map(row -> row.get("n", Number.class).intValue() > 0)
                .one();
    }

    public Flux<String> assignedTo(String agentId) {
        return db.sql("SELECT id FROM conversations WHERE assigned_agent_id = :agent AND status = 'ASSIGNED'")
                .bind("agent", agentId)
                .map(row -> row.get("id", String.class))
                .all();
    }

    public Mono<Integer> queueLength(String accountId) {
        return db.sql("SELECT COUNT(*) AS n FROM conversations WHERE account_id = :account AND status = 'QUEUED'")
                .bind("account", accountId)
                .map(row -> row.get("n", Number.class).intValue())
                .one();
    }

    public Flux<String> accountsWithQueue() {
        return db.sql("SELECT DISTINCT account_id FROM conversations WHERE status = 'QUEUED'").map(row -> row.get("account_id", String.class)).all();
    }

    /** Seconds from assignment to close of the account's most recent closed chats. */
    public Flux<Long> recentHandlingSeconds(String accountId, int limit) {
        return db.sql("SELECT assigned_at, closed_at FROM conversations WHERE account_id = :account AND status = 'CLOSED'"
                        + " AND assigned_at IS NOT NULL ORDER BY closed_at DESC LIMIT :limit")
                .bind("account", accountId)
                .bind("limit", limit)
                .map(row -> java.time.Duration.between(row.get("assigned_at", LocalDateTime.class), row.get("closed_at", LocalDateTime.class)).getSeconds())
                .all();
    }
}
