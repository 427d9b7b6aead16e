package dev.parley.visitor.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import dev.parley.shared.Times;
import dev.parley.visitor.SessionContext;
import dev.parley.visitor.Visitor;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for visitors, their tokens and what is known of them; page views and bans have repositories
 * of their own. Every statement binds its values.
 */
@Repository
public class VisitorRepository {

    private static final String COLUMNS = "v.id, v.account_id, v.site_id, v.name, v.email, v.external_id, v.verified,"
            + " v.attributes, v.user_agent, v.locale, v.time_zone, v.ip_address, v.current_url, v.referrer, v.first_seen_at, v.last_seen_at";

    private final DatabaseClient db;
    private final JsonMapper json;

    VisitorRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> insert(Visitor v, String tokenHash) {
        return db.sql("INSERT INTO visitors (id, account_id, site_id, verified, user_agent, locale, time_zone, ip_address,"
                        + " current_url, referrer, first_seen_at, last_seen_at) VALUES (:id, :accountId, :siteId, FALSE, :ua, :locale,"
                        + " :zone, :ip, :url, :referrer, :seen, :seen)")
                .bind("id", v.id())
                .bind("accountId", v.accountId())
                .bind("siteId", v.siteId())
                .bind("ua", text(v.userAgent()))
                .bind("locale", text(v.locale()))
                .bind("zone", text(v.timeZone()))
                .bind("ip", text(v.ipAddress()))
                .bind("url", text(v.currentUrl()))
                .bind("referrer", text(v.referrer()))
                .bind("seen", Times.toDb(v.firstSeenAt()))
                .then()
                .then(db.sql("INSERT INTO visitor_tokens (token_hash, visitor_id, created_at, last_used_at) VALUES (:hash, :id, :at, :at)")
                        .bind("hash", tokenHash)
                        .bind("id", v.id())
                        .bind("at", Times.toDb(v.firstSeenAt()))
                        .then());
    }

    /** The visitor of {@code siteId} holding the token with this hash, or empty. */
    public Mono<Visitor> findByToken(String siteId, String tokenHash) {
        return db.sql("SELECT " + COLUMNS + " FROM visitor_tokens t JOIN visitors v ON v.id = t.visitor_id"
                        + " WHERE t.token_hash = :hash AND v.site_id = :siteId")
                .bind("hash", tokenHash)
                .bind("siteId", siteId)
                .map(this::visitor)
                .one();
    }

    /** The visitor holding the token with this hash, on whichever site, or empty. */
    public Mono<Visitor> findByToken(String tokenHash) {
        return db.sql("SELECT " + COLUMNS + " FROM visitor_tokens t JOIN visitors v ON v.id = t.visitor_id WHERE t.token_hash = :hash")
                .bind("hash", tokenHash)
                .map(this::visitor)
                .one();
    }

    public Mono<Visitor> find(String accountId, String visitorId) {
        return db.sql("SELECT " + COLUMNS + " FROM visitors v WHERE v.id = :id AND v.account_id = :accountId")
                .bind("id", visitorId)
                .bind("accountId", accountId)
                .map(this::visitor)
                .one();
    }

    /** Records a returning browser; fields the context leaves null keep their stored value. */
    public Mono<Void> touch(String visitorId, String tokenHash, SessionContext context, Instant at) {
        return db.sql("UPDATE visitors SET last_seen_at = :at, user_agent = COALESCE(:ua, user_agent),"
                        + " locale = COALESCE(:locale, locale), time_zone = COALESCE(:zone, time_zone), ip_address = COALESCE(:ip, ip_address),"
                        + " current_url = COALESCE(:url, current_url), referrer = COALESCE(:referrer, referrer) WHERE id = :id")
                .bind("id", visitorId)
                .bind("at", Times.toDb(at))
                .bind("ua", text(context.userAgent()))
                .bind("locale", text(context.locale()))
                .bind("zone", text(context.timeZone()))
                .bind("ip", text(context.ipAddress()))
                .bind("url", text(context.pageUrl()))
                .bind("referrer", text(context.referrer()))
                .then()
                .then(db.sql("UPDATE visitor_tokens SET last_used_at = :at WHERE token_hash = :hash")
                        .bind("at", Times.toDb(at))
                        .bind("hash", tokenHash)
                        .then());
    }

    /**
     * The account's visitors among {@code ids}; with {@code visibleTo}, only those with a conversation
     * that agent may see (assigned to them, or waiting). Reads the conversations table for that
     * check, as the conversation module writes it.
     */
    public Flux<Visitor> some(String accountId, List<String> ids, String visibleTo) {
        String visible = visibleTo == null ? "" : " AND EXISTS (SELECT 1 FROM conversations c WHERE c.visitor_id = v.id"
                + " AND (c.assigned_agent_id = :agentId OR c.status = 'QUEUED' OR c.status = 'PENDING'))";
        // The clause is a constant; the ids expand to one bound parameter each.
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM visitors v WHERE v.account_id = :accountId"
                        + " AND v.id IN (:ids)" + visible)
                .bind("accountId", accountId)
                .bind("ids", ids);
        if (visibleTo != null) {
            spec = spec.bind("agentId", visibleTo);
        }
        return spec.map(this::visitor).all();
    }

    /** The verified visitor of {@code siteId} with this external id, or empty. */
    public Mono<Visitor> findVerified(String siteId, String externalId) {
        return db.sql("SELECT " + COLUMNS + " FROM visitors v WHERE v.site_id = :siteId AND v.external_id = :externalId"
                        + " AND v.verified = TRUE ORDER BY v.first_seen_at LIMIT 1")
                .bind("siteId", siteId)
                .bind("externalId", externalId)
                .map(this::visitor)
                .one();
    }

    /** Sets what the site said about the visitor; null name or email keeps the stored one. */
    public Mono<Void> identify(String visitorId, String externalId, String name, String email, boolean verified) {
        return db.sql("UPDATE visitors SET external_id = :externalId, name = COALESCE(:name, name),"
                        + " email = COALESCE(:email, email), verified = :verified WHERE id = :id")
                .bind("id", visitorId)
                .bind("externalId", externalId)
                .bind("name", text(name))
                .bind("email", text(email))
                .bind("verified", verified)
                .then();
    }

    /**
     * Records contact details the visitor typed. They replace an unverified visitor's, and only
     * fill the gaps of a verified one: the site's own word about its user outranks a form.
     */
    public Mono<Void> contact(String visitorId, String name, String email) {
        return db.sql("UPDATE visitors SET name = CASE WHEN verified THEN COALESCE(name, :name) ELSE COALESCE(:name, name) END,"
                        + " email = CASE WHEN verified THEN COALESCE(email, :email) ELSE COALESCE(:email, email) END WHERE id = :id")
                .bind("id", visitorId)
                .bind("name", text(name))
                .bind("email", text(email))
                .then();
    }

    /** Moves one browser's token to another visitor of the same site. */
    public Mono<Void> moveToken(String tokenHash, String toVisitorId) {
        return db.sql("UPDATE visitor_tokens SET visitor_id = :to WHERE token_hash = :hash")
                .bind("to", toVisitorId)
                .bind("hash", tokenHash)
                .then();
    }

    private Visitor visitor(Readable row) {
        String attributes = row.get("attributes", String.class);
        return new Visitor(
                row.get("id", String.class),
                row.get("account_id", String.class),
                row.get("site_id", String.class),
                row.get("name", String.class),
                row.get("email", String.class),
                row.get("external_id", String.class),
                Boolean.TRUE.equals(row.get("verified", Boolean.class)),
                attributes == null ? Map.of() : json.readValue(attributes, new TypeReference<Map<String, String>>() { }),
                row.get("user_agent", String.class),
                row.get("locale", String.class),
                row.get("time_zone", String.class),
                row.get("ip_address", String.class),
                row.get("current_url", String.class),
                row.get("referrer", String.class),
                Times.fromDb(row.get("first_seen_at", LocalDateTime.class)),
                Times.fromDb(row.get("last_seen_at", LocalDateTime.class)));
    }

    private static Parameter text(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }
}
