package dev.parley.agent.internal;

import java.time.Instant;
import java.time.LocalDateTime;

import dev.parley.shared.Times;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for agent invitations; only tokens' SHA-256 are stored. Every statement binds its values. */
@Repository
public class InvitationRepository {

    private final DatabaseClient db;

    InvitationRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A pending invitation as stored. */
    public record Invitation(String agentId, String accountId, Instant expiresAt, boolean used) {
    }

    public Mono<Void> insert(String tokenHash, String agentId, String accountId, Instant now, Instant expiresAt) {
        return db.sql("INSERT INTO agent_invitations (token_hash, agent_id, account_id, created_at, expires_at)"
                        + " VALUES (:hash, :agent, :account, :now, :expires)")
                .bind("hash", tokenHash)
                .bind("agent", agentId)
                .bind("account", accountId)
                .bind("now", Times.toDb(now))
                .bind("expires", Times.toDb(expiresAt))
                .then();
    }

    public Mono<Invitation> find(String tokenHash) {
        return db.sql("SELECT agent_id, account_id, expires_at, used_at FROM agent_invitations WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map(row -> new Invitation(row.get("agent_id", String.class), row.get("account_id", String.class),
                        Times.fromDb(row.get("expires_at", LocalDateTime.class)), row.get("used_at", LocalDateTime.class) != null))
                .one();
    }

    /** Uses an invitation once; 0 when it was used already (a second click or a race). */
    public Mono<Long> use(String tokenHash, Instant now) {
        return db.sql("UPDATE agent_invitations SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL")
                .bind("now", Times.toDb(now))
                .bind("hash", tokenHash)
                .fetch().rowsUpdated();
    }

    /** An invitation made earlier for the agent ends when a new one is made or a password is set otherwise. */
    public Mono<Void> retire(String agentId, Instant now) {
        return db.sql("UPDATE agent_invitations SET used_at = :now WHERE agent_id = :agent AND used_at IS NULL")
                .bind("now", Times.toDb(now))
                .bind("agent", agentId)
                .then();
    }
}
