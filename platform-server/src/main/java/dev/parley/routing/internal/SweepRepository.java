package dev.parley.routing.internal;

import java.time.Instant;
import java.time.LocalDateTime;

import dev.parley.shared.Times;
import dev.parley.storage.PriorityDatabase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** The sweep's searches: what waited, went unanswered or fell silent for too long. Read-only. */
@Repository
public class SweepRepository {

    /** Most rows one search returns per sweep; the next sweep takes the rest. */
    private static final int LIMIT = 500;

    private final DatabaseClient db;

    SweepRepository(PriorityDatabase priority) {
        this.db = priority.client();
    }

    /** One conversation a search found: the instant is the one its timeout counts from. */
    public record Due(String id, String accountId, String siteId, String agentId, Instant since) {
    }

    public Flux<Due> queuedBefore(Instant cutoff) {
        return due("SELECT id, account_id, site_id, assigned_agent_id, queued_at AS since FROM conversations"
                + " WHERE status = 'QUEUED' AND queued_at < :cutoff ORDER BY queued_at LIMIT :limit", cutoff);
    }

    /** Assigned before the cutoff, and the agent has not written since. */
    public Flux<Due> unansweredSince(Instant cutoff) {
        return due("SELECT id, account_id, site_id, assigned_agent_id, assigned_at AS since FROM conversations"
                + " WHERE status = 'ASSIGNED' AND assigned_at < :cutoff"
                + " AND (last_agent_reply_at IS NULL OR last_agent_reply_at < assigned_at) ORDER BY assigned_at LIMIT :limit", cutoff);
    }

    public Flux<Due> silentSince(Instant cutoff) {
        return due("SELECT id, account_id, site_id, assigned_agent_id, last_activity_at AS since FROM conversations"
                + " WHERE status = 'ASSIGNED' AND last_activity_at < :cutoff ORDER BY last_activity_at LIMIT :limit", cutoff);
    }

    /** Agents set OFFLINE who still hold chats, with their account. */
    public Flux<String[]> offlineAgentsWithChats() {
        return db.sql("SELECT DISTINCT c.assigned_agent_id, c.account_id FROM conversations c JOIN agents a ON a.id = c.assigned_agent_id"
                        + " WHERE c.status = 'ASSIGNED' AND a.status = 'OFFLINE'")
                .map(row -> new String[] {row.get("assigned_agent_id", String.class), row.get("account_id", String.class)})
                .all();
    }

    private Flux<Due> due(String sql, Instant cutoff) {
        return db.sql(sql)
                .bind("cutoff", Times.toDb(cutoff))
                .bind("limit", LIMIT)
                .map(row -> new Due(row.get("id", String.class), row.get("account_id", String.class), row.get("site_id", String.class),
                        row.get("assigned_agent_id", String.class), Times.fromDb(row.get("since", LocalDateTime.class))))
                .all();
    }
}
