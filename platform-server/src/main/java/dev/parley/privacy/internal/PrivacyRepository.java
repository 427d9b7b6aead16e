package dev.parley.privacy.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.shared.Times;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and deletes everything about a visitor or a conversation across the tables that hold it.
 * It spans modules' tables on purpose: an erasure or a retention batch must be one transaction, so
 * nothing is left half deleted. Deletion methods must run inside a transaction.
 */
@Repository
public class PrivacyRepository {

    private final DatabaseClient db;

    PrivacyRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The visitor's row as a map of column values (times as ISO instants); empty when not the account's. */
    public Mono<Map<String, Object>> visitor(String accountId, String visitorId) {
        return db.sql("SELECT id, site_id, name, email, external_id, verified, attributes, user_agent, locale, ip_address,"
                        + " current_url, referrer, banned_at, first_seen_at, last_seen_at FROM visitors WHERE id = :id AND account_id = :account")
                .bind("id", visitorId)
                .bind("account", accountId)
                .map(row -> columns(row, "id", "site_id", "name", "email", "external_id", "verified", "attributes", "user_agent",
                        "locale", "ip_address", "current_url", "referrer", "banned_at", "first_seen_at", "last_seen_at"))
                .one();
    }

    public Flux<Map<String, Object>> pageViews(String visitorId) {
        return db.sql("SELECT url, title, referrer, viewed_at FROM page_views WHERE visitor_id = :id ORDER BY viewed_at")
                .bind("id", visitorId)
                .map(row -> columns(row, "url", "title", "referrer", "viewed_at"))
                .all();
    }

    public Flux<Map<String, Object>> bans(String accountId, String visitorId) {
        return db.sql("SELECT id, ip_address, reason, created_at, expires_at FROM visitor_bans WHERE visitor_id = :id AND account_id = :account"
                        + " ORDER BY created_at")
                .bind("id", visitorId)
                .bind("account", accountId)
                .map(row -> columns(row, "id", "ip_address", "reason", "created_at", "expires_at"))
                .all();
    }

    public Flux<Map<String, Object>> conversations(String accountId, String visitorId) {
        return db.sql("SELECT id, site_id, status, created_at, closed_at, prechat, rating, rating_comment FROM conversations"
                        + " WHERE visitor_id = :id AND account_id = :account ORDER BY created_at")
                .bind("id", visitorId)
                .bind("account", accountId)
                .map(row -> columns(row, "id", "site_id", "status", "created_at", "closed_at", "prechat", "rating", "rating_comment"))
                .all();
    }

    public Flux<Map<String, Object>> messages(String conversationId) {
        return db.sql("SELECT seq, author_kind, author_name, kind, body, created_at FROM messages WHERE conversation_id = :id ORDER BY seq")
                .bind("id", conversationId)
                .map(row -> columns(row, "seq", "author_kind", "author_name", "kind", "body", "created_at"))
                .all();
    }

    /** Locks and lists the visitor's conversations. */
    public Mono<List<String>> lockConversationsOf(String accountId, String visitorId) {
        return db.sql("SELECT id FROM conversations WHERE visitor_id = :id AND account_id = :account FOR UPDATE")
                .bind("id", visitorId)
                .bind("account", accountId)
                .map(row -> row.get("id", String.class))
                .all()
                .collectList();
    }

    /** Locks and lists up to {@code limit} of the account's conversations closed before {@code cutoff}, oldest first. */
    public Mono<List<String>> lockClosedBefore(String accountId, Instant cutoff, int limit) {
        return db.sql("SELECT id FROM conversations WHERE account_id = :account AND status = 'CLOSED' AND closed_at < :cutoff"
                        + " ORDER BY closed_at LIMIT :limit FOR UPDATE")
                .bind("account", accountId)
                .bind("cutoff", Times.toDb(cutoff))
                .bind("limit", limit)
                .map(row -> row.get("id", String.class))
                .all()
                .collectList();
    }

    /** Deletes the conversations with their messages and transcript-mail records; completes with the messages deleted. */
    public Mono<Long> deleteConversations(List<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return delete("DELETE FROM messages WHERE conversation_id IN (:ids)", ids)
                .flatMap(messages -> delete("DELETE FROM transcript_emails WHERE conversation_id IN (:ids)", ids)
                        .then(delete("DELETE FROM conversations WHERE id IN (:ids)", ids))
                        .thenReturn(messages));
    }

    public Mono<Long> deletePageViews(String visitorId) {
        return deleteOne("DELETE FROM page_views WHERE visitor_id = :id", visitorId);
    }

    public Mono<Long> deleteTokens(String visitorId) {
        return deleteOne("DELETE FROM visitor_tokens WHERE visitor_id = :id", visitorId);
    }

    public Mono<Long> deleteBans(String accountId, String visitorId) {
        return db.sql("DELETE FROM visitor_bans WHERE visitor_id = :id AND account_id = :account")
                .bind("id", visitorId)
                .bind("account", accountId)
                .fetch().rowsUpdated();
    }

    public Mono<Long> deleteVisitor(String accountId, String visitorId) {
        return db.sql("DELETE FROM visitors WHERE id = :id AND account_id = :account")
                .bind("id", visitorId)
                .bind("account", accountId)
                .fetch().rowsUpdated();
    }

    private Mono<Long> delete(String sql, List<String> ids) {
        return db.sql(sql).bind("ids", ids).fetch().rowsUpdated();
    }

    private Mono<Long> deleteOne(String sql, String id) {
        return db.sql(sql).bind("id", id).fetch().rowsUpdated();
    }

    private static Map<String, Object> columns(Readable row, String... names) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : names) {
            Object value = row.get(name);
            if (value instanceof io.r2dbc.spi.Clob) {
                value = row.get(name, String.class);
            }
            if (value instanceof LocalDateTime time) {
                value = Times.fromDb(time).toString();
            }
            values.put(camel(name), value);
        }
        return values;
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            }
            else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
