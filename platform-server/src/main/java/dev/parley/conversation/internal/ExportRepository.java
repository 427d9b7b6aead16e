package dev.parley.conversation.internal;

import java.time.Instant;
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
 * Reads bulk exports in pages, by keyset, on two levels: the filtered conversations in creation
 * order (each page starts after the last conversation of the previous one, on the index of
 * account and creation time), then each conversation's messages by seq (on the primary key). So a
 * page costs the same wherever it is, nothing is sorted but a page, and nothing is held between
 * pages. Every value is bound; the optional filters only add constant clauses.
 */
@Repository
public class ExportRepository {

    private final DatabaseClient db;

    ExportRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The conversation fields every exported message carries. */
    public record ExportedConversation(String id, String siteId, String teamId, String agentId, ConversationStatus status,
            Instant createdAt) {
    }

    /**
     * Every message of the conversations the filter selects, by conversation creation order and
     * then seq: both levels read {@code pageSize} at a time as the subscriber asks for more (see {@link Pages}).
     */
    public Flux<ExportedMessage> export(ExportFilter filter, int pageSize) {
        return Pages.keyset((ExportedConversation last) -> conversations(filter, last, pageSize), pageSize)
                .concatMap(c -> Pages.keyset((ExportedMessage last) -> messages(c, last == null ? 0 : last.seq(), pageSize),
                        pageSize), 1);
    }

    /** Up to {@code limit} conversations the filter selects, after {@code after} (null: from the start). */
    public Flux<ExportedConversation> conversations(ExportFilter filter, ExportedConversation after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, site_id, team_id, assigned_agent_id, status, created_at FROM conversations"
                + " WHERE account_id = :account AND created_at >= :from AND created_at < :to");
        if (filter.siteId() != null) {
            sql.append(" AND site_id = :site");
        }
        if (filter.teamId() != null) {
            sql.append(" AND team_id = :team");
        }
        if (filter.agentId() != null) {
            sql.append(" AND assigned_agent_id = :agent");
        }
        if (filter.status() != null) {
            sql.append(" AND status = :status");
        }
        if (after != null) {
            // The first clause alone lets the index on (account_id, created_at) start at the cursor.
            sql.append(" AND created_at >= :afterAt AND (created_at > :afterAt OR id > :afterId)");
        }
        sql.append(" ORDER BY created_at, id LIMIT :limit");
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
            spec = spec.bind("afterAt", Times.toDb(after.createdAt())).bind("afterId", after.id());
        }
        return spec.map(row -> new ExportedConversation(
                        row.get("id", String.class),
                        row.get("site_id", String.class),
                        row.get("team_id", String.class),
                        row.get("assigned_agent_id", String.class),
                        ConversationStatus.valueOf(row.get("status", String.class)),
                        Times.fromDb(row.get("created_at", LocalDateTime.class))))
                .all();
    }

    /** Up to {@code limit} messages of {@code c} with seq above {@code afterSeq}, in seq order. */
    public Flux<ExportedMessage> messages(ExportedConversation c, long afterSeq, int limit) {
        return db.sql("SELECT seq, author_kind, author_name, kind, body, created_at FROM messages"
                        + " WHERE conversation_id = :id AND seq > :after ORDER BY seq LIMIT :limit")
                .bind("id", c.id())
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map(row -> new ExportedMessage(c.id(), c.siteId(), c.teamId(), c.agentId(), c.status(), c.createdAt(),
                        Rows.number(row, "seq"),
                        AuthorKind.valueOf(row.get("author_kind", String.class)),
                        row.get("author_name", String.class),
                        MessageKind.valueOf(row.get("kind", String.class)),
                        row.get("body", String.class),
                        Times.fromDb(row.get("created_at", LocalDateTime.class))))
                .all();
    }
}
