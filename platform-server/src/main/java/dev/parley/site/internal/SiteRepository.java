package dev.parley.site.internal;

import java.time.Instant;
import java.util.List;

import dev.parley.shared.Times;
import dev.parley.site.Account;
import dev.parley.site.Appearance;
import dev.parley.site.PrechatField;
import dev.parley.site.Site;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for accounts and sites. Every statement binds its values; none is built from input. */
@Repository
public class SiteRepository {

    private static final String SITE_COLUMNS = "id, account_id, site_key, name, allowed_origins, appearance, greeting,"
            + " prechat_fields, identity_required, created_at";

    private final DatabaseClient db;
    private final JsonMapper json;

    SiteRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> insertAccount(Account account) {
        return db.sql("INSERT INTO accounts (id, name, retention_days, created_at) VALUES (:id, :name, NULL, :createdAt)")
                .bind("id", account.id())
                .bind("name", account.name())
                .bind("createdAt", Times.toDb(account.createdAt()))
                .then();
    }

    public Mono<Void> insertSite(Site site, String identitySecret) {
        return db.sql("INSERT INTO sites (" + SITE_COLUMNS + ", identity_secret, updated_at) VALUES (:id, :accountId,"
                        + " :siteKey, :name, :origins, :appearance, :greeting, :prechat, :identityRequired, :createdAt,"
                        + " :secret, :createdAt)")
                .bind("id", site.id())
                .bind("accountId", site.accountId())
                .bind("siteKey", site.siteKey())
                .bind("name", site.name())
                .bind("origins", json.writeValueAsString(site.allowedOrigins()))
                .bind("appearance", json.writeValueAsString(site.appearance()))
                .bind("greeting", org.springframework.r2dbc.core.Parameter.fromOrEmpty(site.greeting(), String.class))
                .bind("prechat", json.writeValueAsString(site.prechatFields()))
                .bind("identityRequired", site.identityRequired())
                .bind("createdAt", Times.toDb(site.createdAt()))
                .bind("secret", identitySecret)
                .then();
    }

    public Mono<Site> findByKey(String siteKey) {
        return db.sql("SELECT " + SITE_COLUMNS + " FROM sites WHERE site_key = :key")
                .bind("key", siteKey)
                .map(this::site)
                .one();
    }

    public Mono<Site> find(String accountId, String siteId) {
        return db.sql("SELECT " + SITE_COLUMNS + " FROM sites WHERE id = :id AND account_id = :accountId")
                .bind("id", siteId)
                .bind("accountId", accountId)
                .map(this::site)
                .one();
    }

    /** A page of the account's sites, oldest first, after the site {@code afterId} when it is given. */
    public reactor.core.publisher.Flux<Site> list(String accountId, String afterId, int limit) {
        String after = afterId == null ? "" : " AND id > :after";
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + SITE_COLUMNS + " FROM sites WHERE account_id = :accountId" + after
                        + " ORDER BY id LIMIT :limit")
                .bind("accountId", accountId)
                .bind("limit", limit);
        if (afterId != null) {
            spec = spec.bind("after", afterId);
        }
        return spec.map(this::site).all();
    }

    /** Writes the site's changed fields; the statement's shape depends only on which are set, every value is bound. */
    public Mono<Void> update(String accountId, String siteId, dev.parley.site.SiteChanges c, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE sites SET updated_at = :now");
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        if (c.name() != null) {
            sql.append(", name = :name");
            values.put("name", c.name());
        }
        if (c.allowedOrigins() != null) {
            sql.append(", allowed_origins = :origins");
            values.put("origins", json.writeValueAsString(c.allowedOrigins()));
        }
        if (c.appearance() != null) {
            sql.append(", appearance = :appearance");
            values.put("appearance", json.writeValueAsString(c.appearance()));
        }
        if (c.setGreeting()) {
            sql.append(", greeting = :greeting");
        }
        if (c.prechatFields() != null) {
            sql.append(", prechat_fields = :prechat");
            values.put("prechat", json.writeValueAsString(c.prechatFields()));
        }
        if (c.identityRequired() != null) {
            sql.append(", identity_required = :required");
            values.put("required", c.identityRequired());
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql + " WHERE id = :id AND account_id = :accountId")
                .bind("now", Times.toDb(now))
                .bind("id", siteId)
                .bind("accountId", accountId);
        if (c.setGreeting()) {
            spec = spec.bind("greeting", org.springframework.r2dbc.core.Parameter.fromOrEmpty(c.greeting(), String.class));
        }
        for (java.util.Map.Entry<String, Object> value : values.entrySet()) {
            spec = spec.bind(value.getKey(), value.getValue());
        }
        return spec.then();
    }

    public Mono<Void> replaceIdentitySecret(String accountId, String siteId, String secret, Instant now) {
        return db.sql("UPDATE sites SET identity_secret = :secret, updated_at = :now WHERE id = :id AND account_id = :accountId")
                .bind("secret", secret)
                .bind("now", Times.toDb(now))
                .bind("id", siteId)
                .bind("accountId", accountId)
                .then();
    }

    public Mono<Void> setRetention(String accountId, Integer days) {
        return db.sql("UPDATE accounts SET retention_days = :days WHERE id = :id")
                .bind("days", org.springframework.r2dbc.core.Parameter.fromOrEmpty(days, Integer.class))
                .bind("id", accountId)
                .then();
    }

    /** Accounts that keep closed conversations for a limited time, with that many days. */
    public reactor.core.publisher.Flux<Account> withRetention() {
        return db.sql("SELECT id, name, retention_days, created_at FROM accounts WHERE retention_days IS NOT NULL")
                .map(row -> new Account(row.get("id", String.class), row.get("name", String.class),
                        row.get("retention_days", Integer.class), Times.fromDb(row.get("created_at", java.time.LocalDateTime.class))))
                .all();
    }

    public Mono<String> identitySecret(String siteId) {
        return db.sql("SELECT identity_secret FROM sites WHERE id = :id")
                .bind("id", siteId)
                .map(row -> row.get("identity_secret", String.class))
                .one();
    }

    public Mono<Account> findAccount(String accountId) {
        return db.sql("SELECT id, name, retention_days, created_at FROM accounts WHERE id = :id")
                .bind("id", accountId)
                .map(row -> new Account(row.get("id", String.class), row.get("name", String.class),
                        row.get("retention_days", Integer.class),
                        Times.fromDb(row.get("created_at", java.time.LocalDateTime.class))))
                .one();
    }

    private Site site(Readable row) {
        Instant createdAt = Times.fromDb(row.get("created_at", java.time.LocalDateTime.class));
        return new Site(
                row.get("id", String.class),
                row.get("account_id", String.class),
                row.get("site_key", String.class),
                row.get("name", String.class),
                json.readValue(row.get("allowed_origins", String.class), new TypeReference<List<String>>() { }),
                json.readValue(row.get("appearance", String.class), Appearance.class),
                row.get("greeting", String.class),
                json.readValue(row.get("prechat_fields", String.class), new TypeReference<List<PrechatField>>() { }),
                Boolean.TRUE.equals(row.get("identity_required", Boolean.class)),
                createdAt);
    }
}
