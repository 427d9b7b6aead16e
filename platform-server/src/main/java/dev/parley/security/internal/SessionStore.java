package dev.parley.security.internal;

import java.time.Instant;
import java.time.LocalDateTime;

import dev.parley.shared.Times;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for sessions and refresh tokens. Every statement binds its values; none is built from input. */
@Repository
public class SessionStore {

    private final DatabaseClient db;

    SessionStore(DatabaseClient db) {
        this.db = db;
    }

    /** A session as stored. */
    public record Session(String id, String accountId, String agentId, boolean revoked) {
    }

    /** A refresh token as stored, with its session. */
    record Refresh(String sessionId, String accountId, String agentId, Instant expiresAt, boolean used, boolean sessionRevoked) {
    }

    Mono<Void> insertSession(String id, String accountId, String agentId, Instant now, Instant expiresAt, boolean revoked) {
        return db.sql("INSERT INTO agent_sessions (id, account_id, agent_id, created_at, expires_at, revoked_at)"
                        + " VALUES (:id, :accountId, :agentId, :now, :expiresAt, " + (revoked ? ":now" : "NULL") + ")")
                .bind("id", id)
                .bind("accountId", accountId)
                .bind("agentId", agentId)
                .bind("now", Times.toDb(now))
                .bind("expiresAt", Times.toDb(expiresAt))
                .then();
    }

    Mono<Void> insertRefresh(String tokenHash, String sessionId, Instant now, Instant expiresAt) {
        return db.sql("INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at, used_at)"
                        + " VALUES (:hash, :sessionId, :now, :expiresAt, NULL)")
                .bind("hash", tokenHash)
                .bind("sessionId", sessionId)
                .bind("now", Times.toDb(now))
                .bind("expiresAt", Times.toDb(expiresAt))
                .then();
    }

    Mono<Refresh> findRefresh(String tokenHash) {
        return db.sql("SELECT r.session_id, r.expires_at, r.used_at, s.account_id, s.agent_id, s.revoked_at"
                        + " FROM refresh_tokens r JOIN agent_sessions s ON s.id = r.session_id WHERE r.token_hash = :hash")
                .bind("hash", tokenHash)
                .map(row -> new Refresh(row.get("session_id", String.class), row.get("account_id", String.class),
                        row.get("agent_id", String.class), Times.fromDb(row.get("expires_at", LocalDateTime.class)),
                        row.get("used_at", LocalDateTime.class) != null, row.get("revoked_at", LocalDateTime.class) != null))
                .one();
    }

    /** Retires an unused token; 0 when it was used already, which makes the caller's use a reuse. */
    Mono<Long> markUsed(String tokenHash, Instant now) {
        return db.sql("UPDATE refresh_tokens SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL")
                .bind("now", Times.toDb(now))
                .bind("hash", tokenHash)
                .fetch().rowsUpdated();
    }

    Mono<Void> extendSession(String sessionId, Instant expiresAt) {
        return db.sql("UPDATE agent_sessions SET expires_at = :expiresAt WHERE id = :id")
                .bind("expiresAt", Times.toDb(expiresAt))
                .bind("id", sessionId)
                .then();
    }

    public Mono<Session> findSession(String sessionId) {
        return db.sql("SELECT id, account_id, agent_id, revoked_at FROM agent_sessions WHERE id = :id")
                .bind("id", sessionId)
                .map(row -> new Session(row.get("id", String.class), row.get("account_id", String.class),
                        row.get("agent_id", String.class), row.get("revoked_at", LocalDateTime.class) != null))
                .one();
    }

    /** The agent's sessions that have not been ended. */
    public reactor.core.publisher.Flux<Session> openSessions(String accountId, String agentId) {
        return db.sql("SELECT id, account_id, agent_id, revoked_at FROM agent_sessions WHERE agent_id = :agentId"
                        + " AND account_id = :accountId AND revoked_at IS NULL")
                .bind("agentId", agentId)
                .bind("accountId", accountId)
                .map(row -> new Session(row.get("id", String.class), row.get("account_id", String.class),
                        row.get("agent_id", String.class), false))
                .all();
    }

    /** Ends a session; 0 when it had ended already. */
    Mono<Long> revoke(String sessionId, Instant now) {
        return db.sql("UPDATE agent_sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", Times.toDb(now))
                .bind("id", sessionId)
                .fetch().rowsUpdated();
    }

    /** Deletes what has expired before {@code now}: tokens first, then sessions left without any. */
    Mono<Void> sweep(Instant now) {
        return db.sql("DELETE FROM refresh_tokens WHERE expires_at < :now")
                .bind("now", Times.toDb(now))
                .then()
                .then(db.sql("DELETE FROM agent_sessions WHERE expires_at < :now"
                                + " AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.session_id = agent_sessions.id)")
                        .bind("now", Times.toDb(now))
                        .then());
    }
}
