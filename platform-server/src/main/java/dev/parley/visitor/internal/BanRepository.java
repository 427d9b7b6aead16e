package dev.parley.visitor.internal;

import java.time.Instant;
import java.time.LocalDateTime;

import dev.parley.shared.Times;
import dev.parley.visitor.Ban;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for the bans of visitors and of their addresses, per account. Every statement binds its values. */
@Repository
public class BanRepository {

    private final DatabaseClient db;

    BanRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Records a ban; {@code expiresAt} null bans for good, {@code ip} null bans the visitor only. */
    public Mono<Void> ban(String id, String accountId, String visitorId, String ip, String reason, String createdBy, Instant at,
            Instant expiresAt) {
        return db.sql("INSERT INTO visitor_bans (id, account_id, visitor_id, ip_address, reason, created_by, created_at, expires_at)"
                        + " VALUES (:id, :accountId, :visitorId, :ip, :reason, :createdBy, :at, :expiresAt)")
                .bind("id", id)
                .bind("accountId", accountId)
                .bind("visitorId", visitorId)
                .bind("ip", Parameter.fromOrEmpty(ip, String.class))
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("createdBy", createdBy)
                .bind("at", Times.toDb(at))
                .bind("expiresAt", Parameter.fromOrEmpty(expiresAt == null ? null : Times.toDb(expiresAt), LocalDateTime.class))
                .then();
    }

    /** A page of the account's bans, newest first, before the ban {@code beforeId} when given; only unexpired ones when {@code activeAt} is set. */
    public Flux<Ban> bans(String accountId, String beforeId, int limit, Instant activeAt) {
        String where = (beforeId == null ? "" : " AND id < :before") + (activeAt == null ? "" : " AND (expires_at IS NULL OR expires_at > :now)");
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT id, visitor_id, ip_address, reason, created_by, created_at, expires_at"
                        + " FROM visitor_bans WHERE account_id = :accountId" + where + " ORDER BY id DESC LIMIT :limit")
                .bind("accountId", accountId)
                .bind("limit", limit);
        if (beforeId != null) {
            spec = spec.bind("before", beforeId);
        }
        if (activeAt != null) {
            spec = spec.bind("now", Times.toDb(activeAt));
        }
        return spec.map(row -> new Ban(row.get("id", String.class), row.get("visitor_id", String.class),
                        row.get("ip_address", String.class), row.get("reason", String.class), row.get("created_by", String.class),
                        Times.fromDb(row.get("created_at", LocalDateTime.class)), Times.fromDb(row.get("expires_at", LocalDateTime.class))))
                .all();
    }

    /** Ends an unexpired ban of the account now; 0 when there was none. */
    public Mono<Long> lift(String accountId, String banId, Instant now) {
        return db.sql("UPDATE visitor_bans SET expires_at = :now WHERE id = :id AND account_id = :accountId"
                        + " AND (expires_at IS NULL OR expires_at > :now)")
                .bind("now", Times.toDb(now))
                .bind("id", banId)
                .bind("accountId", accountId)
                .fetch().rowsUpdated();
    }

    /** Whether an unexpired ban names this visitor, or their address within the account. */
    public Mono<Boolean> banned(String accountId, String visitorId, String ip, Instant now) {
        return db.sql("SELECT COUNT(*) AS n FROM visitor_bans WHERE account_id = :accountId"
                        + " AND (visitor_id = :visitorId OR (ip_address IS NOT NULL AND ip_address = :ip))"
                        + " AND (expires_at IS NULL OR expires_at > :now)")
                .bind("accountId", accountId)
                .bind("visitorId", visitorId)
                .bind("ip", ip == null ? "" : ip)
                .bind("now", Times.toDb(now))
                .map(row -> row.get("n", Number.class).longValue() > 0)
                .one()
                .defaultIfEmpty(false);
    }
}
