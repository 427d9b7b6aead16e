package dev.parley.canned.internal;

import java.time.LocalDateTime;

import dev.parley.canned.CannedResponse;
import dev.parley.shared.Times;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for canned responses. Every statement binds its values and names the account. */
@Repository
public class CannedRepository {

    /** The scope key of an account's shared responses; agents' ids are ULIDs, which never equal it. */
    static final String SHARED = "*";

    private static final String COLUMNS = "id, account_id, owner_agent_id, shortcut, title, body, created_at, updated_at";

    private final DatabaseClient db;

    CannedRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(CannedResponse c) {
        return db.sql("INSERT INTO canned_responses (" + COLUMNS + ", scope_key) VALUES (:id, :account, :owner, :shortcut, :title,"
                        + " :body, :at, :at, :scope)")
                .bind("id", c.id())
                .bind("account", c.accountId())
                .bind("owner", Parameter.fromOrEmpty(c.ownerAgentId(), String.class))
                .bind("shortcut", c.shortcut())
                .bind("title", c.title())
                .bind("body", c.body())
                .bind("at", Times.toDb(c.createdAt()))
                .bind("scope", c.ownerAgentId() == null ? SHARED : c.ownerAgentId())
                .then();
    }

    public Mono<Void> update(CannedResponse c) {
        return db.sql("UPDATE canned_responses SET shortcut = :shortcut, title = :title, body = :body, updated_at = :at"
                        + " WHERE id = :id AND account_id = :account")
                .bind("shortcut", c.shortcut())
                .bind("title", c.title())
                .bind("body", c.body())
                .bind("at", Times.toDb(c.updatedAt()))
                .bind("id", c.id())
                .bind("account", c.accountId())
                .then();
    }

    public Mono<Void> delete(String id, String accountId) {
        return db.sql("DELETE FROM canned_responses WHERE id = :id AND account_id = :account")
                .bind("id", id)
                .bind("account", accountId)
                .then();
    }

    public Mono<CannedResponse> find(String accountId, String id) {
        return db.sql("SELECT " + COLUMNS + " FROM canned_responses WHERE id = :id AND account_id = :account")
                .bind("id", id)
                .bind("account", accountId)
                .map(CannedRepository::row)
                .one();
    }

    /** How many responses one scope holds: the account's shared ones when {@code ownerAgentId} is null. */
    public Mono<Long> count(String accountId, String ownerAgentId) {
        return db.sql("SELECT COUNT(*) AS n FROM canned_responses WHERE account_id = :account AND scope_key = :scope")
                .bind("account", accountId)
                .bind("scope", ownerAgentId == null ? SHARED : ownerAgentId)
                .map(row -> row.get("n", Number.class).longValue())
                .one();
    }

    /** The account's shared responses and the agent's own, by shortcut; bounded by the per-scope limit. */
    public Flux<CannedResponse> available(String accountId, String agentId) {
        return db.sql("SELECT " + COLUMNS + " FROM canned_responses WHERE account_id = :account"
                        + " AND (scope_key = :shared OR scope_key = :agent) ORDER BY shortcut, scope_key")
                .bind("account", accountId)
                .bind("shared", SHARED)
                .bind("agent", agentId)
                .map(CannedRepository::row)
                .all();
    }

    /** A page of the account's shared responses by shortcut, after {@code afterShortcut} when given. */
    public Flux<CannedResponse> shared(String accountId, String afterShortcut, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM canned_responses WHERE account_id = :account AND scope_key = :shared"
                        + " AND shortcut > :after ORDER BY shortcut LIMIT :limit")
                .bind("account", accountId)
                .bind("shared", SHARED)
                .bind("after", afterShortcut == null ? "" : afterShortcut)
                .bind("limit", limit)
                .map(CannedRepository::row)
                .all();
    }

    private static CannedResponse row(Readable row) {
        return new CannedResponse(
                row.get("id", String.class),
                row.get("account_id", String.class),
                row.get("owner_agent_id", String.class),
                row.get("shortcut", String.class),
                row.get("title", String.class),
                row.get("body", String.class),
                Times.fromDb(row.get("created_at", LocalDateTime.class)),
                Times.fromDb(row.get("updated_at", LocalDateTime.class)));
    }
}
