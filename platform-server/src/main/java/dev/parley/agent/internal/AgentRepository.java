package dev.parley.agent.internal;

import java.time.LocalDateTime;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.shared.Times;
import dev.parley.storage.Deadlocks;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * SQL for agents. Every statement binds its values; none is built from input.
 *
 * <p>A routing pass holds a shared lock on an agent's row (the foreign key of each chat it gives
 * them) and then updates the row: an update of the same row by anyone else meanwhile (a profile,
 * capacity, deactivation or password change) is a deadlock InnoDB may resolve against it. Those
 * updates set fixed values, so they retry, and must never run inside a transaction.
 */
@Repository
public class AgentRepository {

    private static final String COLUMNS = "id, account_id, email, display_name, role, capacity_override, avatar_url,"
            + " deactivated_at, created_at";

    private final DatabaseClient db;

    AgentRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(Agent agent, String passwordHash) {
        return db.sql("INSERT INTO agents (" + COLUMNS + ", password_hash) VALUES (:id, :accountId, :email, :name, :role,"
                        + " :capacity, NULL, NULL, :createdAt, :hash)")
                .bind("id", agent.id())
                .bind("accountId", agent.accountId())
                .bind("email", agent.email())
                .bind("name", agent.displayName())
                .bind("role", agent.role().name())
                .bind("capacity", Parameter.fromOrEmpty(agent.capacityOverride(), Integer.class))
                .bind("createdAt", Times.toDb(agent.createdAt()))
                .bind("hash", Parameter.fromOrEmpty(passwordHash, String.class))
                .then();
    }

    public Mono<Agent> find(String accountId, String agentId) {
        return db.sql("SELECT " + COLUMNS + " FROM agents WHERE id = :id AND account_id = :accountId")
                .bind("id", agentId)
                .bind("accountId", accountId)
                .map(AgentRepository::agent)
                .one();
    }

    public Mono<Agent> findByEmail(String email) {
        return db.sql("SELECT " + COLUMNS + " FROM agents WHERE email = :email")
                .bind("email", email)
                .map(AgentRepository::agent)
                .one();
    }

    /** A page of the account's agents, by id, after {@code afterId} when given. */
    public reactor.core.publisher.Flux<Agent> list(String accountId, String afterId, int limit) {
        String after = afterId == null ? "" : " AND id > :after";
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM agents WHERE account_id = :accountId" + after
                        + " ORDER BY id LIMIT :limit")
                .bind("accountId", accountId)
                .bind("limit", limit);
        if (afterId != null) {
            spec = spec.bind("after", afterId);
        }
        return spec.map(AgentRepository::agent).all();
    }

    public Mono<Void> setPasswordHash(String agentId, String hash) {
        return db.sql("UPDATE agents SET password_hash = :hash WHERE id = :id")
                .bind("hash", hash)
                .bind("id", agentId)
                .then()
                .retryWhen(Deadlocks.retry());
    }

    /** Sets or clears when the agent was deactivated. */
    public Mono<Void> setDeactivated(String accountId, String agentId, java.time.Instant at) {
        return db.sql("UPDATE agents SET deactivated_at = :at WHERE id = :id AND account_id = :accountId")
                .bind("at", Parameter.fromOrEmpty(at == null ? null : Times.toDb(at), LocalDateTime.class))
                .bind("id", agentId)
                .bind("accountId", accountId)
                .then()
                .retryWhen(Deadlocks.retry());
    }

    public Mono<Long> activeAdmins(String accountId) {
        return db.sql("SELECT COUNT(*) AS n FROM agents WHERE account_id = :accountId AND role = 'ADMIN' AND deactivated_at IS NULL")
                .bind("accountId", accountId)
                .map(row -> row.get("n", Number.class).longValue())
                .one();
    }

    /**
     * Applies the changes to an agent of the account; completes with the rows changed (0: not the
     * account's agent). The statement is one of a few constant shapes; every value is bound.
     */
    public Mono<Long> update(String accountId, String agentId, dev.parley.agent.AgentChanges changes) {
        String capacity = changes.setCapacity() ? ", capacity_override = :capacity" : "";
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE agents SET display_name = COALESCE(:name, display_name),"
                        + " role = COALESCE(:role, role)" + capacity + " WHERE id = :id AND account_id = :accountId")
                .bind("name", Parameter.fromOrEmpty(changes.displayName(), String.class))
                .bind("role", Parameter.fromOrEmpty(changes.role() == null ? null : changes.role().name(), String.class))
                .bind("id", agentId)
                .bind("accountId", accountId);
        if (changes.setCapacity()) {
            spec = spec.bind("capacity", Parameter.fromOrEmpty(changes.capacityOverride(), Integer.class));
        }
        return spec.fetch().rowsUpdated().retryWhen(Deadlocks.retry());
    }

    /** The stored hash of an active agent's password; empty for unknown, deactivated or OIDC-only agents. */
    public Mono<String> passwordHash(String agentId) {
        return db.sql("SELECT password_hash FROM agents WHERE id = :id AND deactivated_at IS NULL AND password_hash IS NOT NULL")
                .bind("id", agentId)
                .map(row -> row.get("password_hash", String.class))
                .one();
    }

    static Agent agent(Readable row) {
        return new Agent(
                row.get("id", String.class),
                row.get("account_id", String.class),
                row.get("email", String.class),
                row.get("display_name", String.class),
                Role.valueOf(row.get("role", String.class)),
                row.get("capacity_override", Integer.class),
                row.get("avatar_url", String.class),
                row.get("deactivated_at", LocalDateTime.class) == null,
                Times.fromDb(row.get("created_at", LocalDateTime.class)));
    }
}
