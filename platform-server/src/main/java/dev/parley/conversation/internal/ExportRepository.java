package dev.parley.conversation.internal;

import java.time.LocalDateTime;

import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.ExportFilter;
import dev.parley.conversation.ExportedMessage;
import dev.parley.conversation.MessageKind;
import dev.parley.shared.Times;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * Reads messages for bulk export in pages, by keyset: each page starts after the last row of the
 * previous one (conversation creation time, conversation id, seq), so a page costs the same
 * wherever it is and nothing is held between pages. Every value is bound; the optional filters
 * only add constant clauses.
 */
@Repository
public class ExportRepository {

    private final DatabaseClient db;

    ExportRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Up to {@code limit} rows the filter selects after the row {@code after} (null: from the start). */
    public Flux<ExportedMessage> page(ExportFilter filter, ExportedMessage after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT c.id, c.site_id, c.team_id, c.assigned_agent_id, c.status, c.created_at AS c_created,"
                + " m.seq, m.author_kind, m.author_name, m.kind, m.body, m.created_at"
                + " FROM conversations c JOIN messages m ON m.conversation_id = c.id"
                + " WHERE c.account_id = :account AND c.created_at >= :from AND c.created_at < :to");
        if (filter.siteId() != null) {
            sql.append(" AND c.site_id = :site");
        }
        if (filter.teamId() != null) {
            sql.append(" AND c.team_id = :team");
        }
        if (filter.agentId() != null) {
            sql.append(" AND c.assigned_agent_id = :agent");
        }
        if (filter.status() != null) {
            sql.append(" AND c.status = :status");
        }
        if (after != null) {
            // The first clause alone lets the index on (account_id, created_at) start at the cursor.
            sql.append(" AND c.created_at >= :afterAt AND (c.created_at > :afterAt OR (c.created_at = :afterAt AND (c.id > :afterId"
                    + " OR (c.id = :afterId AND m.seq > :afterSeq))))");
        }
        sql.append(" ORDER BY c.created_at, c.id, m.seq LIMIT :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString())
                .bind("account", filter.accountId())
                .bind("from", Times.toDb(filter.from()))
                .bind("to", Times.toDb(filter.to()))
                .bind("limit", limit);
        if (filter.siteId() != null) {
            spec = spec.bind("site", filter.siteId());
        }
        if (filter.teamId() != null) {
            spec = spec.bind("team", filter.teamId());
        }
        if (filter.agentId() != null) {
            spec = spec.bind("agent", filter.agentId());
        }
        if (filter.status() != null) {
            spec = spec.bind("status", filter.status().name());
        }
        if (after != null) {
            spec = spec.bind("afterAt", Times.toDb(after.conversationCreatedAt()))
                    .bind("afterId", after.conversationId())
                    .bind("afterSeq", after.seq());
        }
        return spec.map(row -> new ExportedMessage(
                        row.get("id", String.class),
                        row.get("site_id", String.class),
                        row.get("team_id", String.class),
                        row.get("assigned_agent_id", String.class),
                        ConversationStatus.valueOf(row.get("status", String.class)),
                        Times.fromDb(row.get("c_created", LocalDateTime.class)),
                        Rows.number(row, "seq"),
                        AuthorKind.valueOf(row.get("author_kind", String.class)),
                        row.get("author_name", String.class),
                        MessageKind.valueOf(row.get("kind", String.class)),
                        row.get("body", String.class),
                        Times.fromDb(row.get("created_at", LocalDateTime.class))))
                .all();
    }
}
