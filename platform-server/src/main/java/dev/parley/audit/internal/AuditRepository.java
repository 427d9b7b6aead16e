package dev.parley.audit.internal;

import java.time.LocalDateTime;
import java.util.Map;

import dev.parley.audit.AuditEntry;
import dev.parley.shared.Times;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for the audit log. Every statement binds its values; none is built from input. */
@Repository
public class AuditRepository {

    private static final String COLUMNS = "id, account_id, actor_id, action, target_type, target_id, details, created_at";

    private final DatabaseClient db;
    private final JsonMapper json;

    AuditRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> insert(AuditEntry entry) {
        return db.sql("INSERT INTO audit_log (" + COLUMNS + ") VALUES (:id, :accountId, :actorId, :action, :targetType,"
                        + " :targetId, :details, :createdAt)")
                .bind("id", entry.id())
                .bind("accountId", entry.accountId())
                .bind("actorId", Parameter.fromOrEmpty(entry.actorId(), String.class))
                .bind("action", entry.action())
                .bind("targetType", Parameter.fromOrEmpty(entry.targetType(), String.class))
                .bind("targetId", Parameter.fromOrEmpty(entry.targetId(), String.class))
                .bind("details", Parameter.fromOrEmpty(entry.details().isEmpty() ? null : json.writeValueAsString(entry.details()),
                        String.class))
                .bind("createdAt", Times.toDb(entry.createdAt()))
                .then();
    }

    /**
     * Newest first by (created_at, id), the order of the account's index; the cursor entry is looked
     * up within the account, so another account's id finds nothing.
     */
    public Flux<AuditEntry> page(String accountId, String beforeId, int limit) {
        if (beforeId == null) {
            return db.sql("SELECT " + COLUMNS + " FROM audit_log WHERE account_id = :accountId"
                            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                    .bind("accountId", accountId)
                    .bind("limit", limit)
                    .map(this::entry)
                    .all();
        }
        return db.sql("SELECT created_at FROM audit_log WHERE id = :id AND account_id = :accountId")
                .bind("id", beforeId)
                .bind("accountId", accountId)
                .map(row -> row.get("created_at", LocalDateTime.class))
                .one()
                .flatMapMany(at -> db.sql("SELECT " + COLUMNS + " FROM audit_log WHERE account_id = :accountId"
                                + " AND (created_at < :at OR (created_at = :at AND id < :id))"
                                + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                        .bind("accountId", accountId)
                        .bind("at", at)
                        .bind("id", beforeId)
                        .bind("limit", limit)
                        .map(this::entry)
                        .all());
    }

    private AuditEntry entry(Readable row) {
        String details = row.get("details", String.class);
        return new AuditEntry(
                row.get("id", String.class),
                row.get("account_id", String.class),
                row.get("actor_id", String.class),
                row.get("action", String.class),
                row.get("target_type", String.class),
                row.get("target_id", String.class),
                details == null ? Map.of() : json.readValue(details, new TypeReference<Map<String, String>>() { }),
                Times.fromDb(row.get("created_at", LocalDateTime.class)));
    }
}
