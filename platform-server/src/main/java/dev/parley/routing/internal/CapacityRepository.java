package dev.parley.routing.internal;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** Reads the per-site chat limits of an account; every value is bound. */
@Repository
public class CapacityRepository {

    private final DatabaseClient db;

    CapacityRepository(DatabaseClient db) {
        this.db = db;
    }

    /** One limit per site of the account; {@code defaultLimit} for a site that has no settings row. */
    public Flux<Integer> siteLimits(String accountId, int defaultLimit) {
        return db.sql("SELECT COALESCE(q.max_chats_per_agent, :defaultLimit) AS max_chats FROM sites s"
                        + " LEFT JOIN queue_settings q ON q.site_id = s.id WHERE s.account_id = :accountId")
                .bind("defaultLimit", defaultLimit)
                .bind("accountId", accountId)
                .map(row -> row.get("max_chats", Number.class).intValue())
                .all();
    }
}
