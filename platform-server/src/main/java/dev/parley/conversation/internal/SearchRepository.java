package dev.parley.conversation.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationSearch;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * Finds conversations by their visitor's name or email or by the text of their messages. The typed
 * text is bound as a LIKE pattern with its wildcards escaped, never spliced into the SQL; the
 * visitors table is read for names, as the visitor module writes it.
 *
 * <p>LIKE with a leading wildcard reads every message of the account's conversations: without
 * FULLTEXT (which H2 lacks) there is no index for it. The scan stops at the result limit, and the
 * account (and, for agents, their own conversations) bounds what it reads.
 */
@Repository
public class SearchRepository {

    private static final String COLUMNS = Arrays.stream(Rows.CONVERSATION_COLUMNS.split(","))
            .map(column -> "c." + column.strip())
            .collect(Collectors.joining(", "));

    private final DatabaseClient db;
    private final Rows rows;

    SearchRepository(DatabaseClient db, ConversationRepository conversations) {
        this.db = db;
        this.rows = conversations.rows();
    }

    /** Newest activity first, at most {@code search.limit()}. */
    public Flux<Conversation> search(ConversationSearch search) {
        String scope = search.agentId() == null ? ""
                : " AND (c.assigned_agent_id = :agentId OR c.status = 'QUEUED' OR c.status = 'PENDING')";
        // Both clauses are constants; every value is bound.
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM conversations c"
                        + " JOIN visitors v ON v.id = c.visitor_id"
                        + " WHERE c.account_id = :accountId" + scope
                        + " AND (LOWER(v.name) LIKE :pattern OR LOWER(v.email) LIKE :pattern"
                        + " OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.kind <> 'EVENT'"
                        + " AND LOWER(m.body) LIKE :pattern))"
                        + " ORDER BY c.last_activity_at DESC, c.id DESC LIMIT :limit")
                .bind("accountId", search.accountId())
                .bind("pattern", "%" + escape(search.text().toLowerCase(Locale.ROOT)) + "%")
                .bind("limit", search.limit());
        if (search.agentId() != null) {
            spec = spec.bind("agentId", search.agentId());
        }
        return spec.map(rows::conversation).all();
    }

    /** Backslash is the default LIKE escape of MySQL, MariaDB and H2 alike. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
