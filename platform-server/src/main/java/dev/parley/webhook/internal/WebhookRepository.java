package dev.parley.webhook.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import dev.parley.shared.Times;
import dev.parley.webhook.Webhook;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code webhooks} table. Every query names the account, so another account's webhook is never found. */
@Repository
public class WebhookRepository {

    private static final String COLUMNS = "id, account_id, url, events, active, description, created_at, updated_at";

    private final DatabaseClient db;

    WebhookRepository(DatabaseClient db) {
        this.db = db;
    }

    /** One active endpoint with what it receives and its secret: what the outbox and dispatcher need. */
    public record Target(String id, String url, String secret, List<String> events, boolean active) {
    }

    public Mono<Void> insert(Webhook webhook, String secret) {
        return db.sql("INSERT INTO webhooks (" + COLUMNS + ", secret) VALUES (:id, :account, :url, :events, :active,"
                        + " :description, :createdAt, :updatedAt, :secret)")
                .bind("id", webhook.id())
                .bind("account", webhook.accountId())
                .bind("url", webhook.url())
                .bind("events", String.join(" ", webhook.events()))
                .bind("active", webhook.active())
                .bind("description", Parameter.fromOrEmpty(webhook.description(), String.class))
                .bind("createdAt", Times.toDb(webhook.createdAt()))
                .bind("updatedAt", Times.toDb(webhook.updatedAt()))
                .bind("secret", secret)
                .then();
    }

    public Mono<Void> update(Webhook webhook) {
        return db.sql("UPDATE webhooks SET url = :url, events = :events, active = :active, description = :description,"
                        + " updated_at = :updatedAt WHERE id = :id AND account_id = :account")
                .bind("id", webhook.id())
                .bind("account", webhook.accountId())
                .bind("url", webhook.url())
                .bind("events", String.join(" ", webhook.events()))
                .bind("active", webhook.active())
                .bind("description", Parameter.fromOrEmpty(webhook.description(), String.class))
                .bind("updatedAt", Times.toDb(webhook.updatedAt()))
                .then();
    }

    public Mono<Long> setSecret(String accountId, String id, String secret, Instant now) {
        return db.sql("UPDATE webhooks SET secret = :secret, updated_at = :now WHERE id = :id AND account_id = :account")
                .bind("secret", secret)
                .bind("now", Times.toDb(now))
                .bind("id", id)
                .bind("account", accountId)
                .fetch().rowsUpdated();
    }

    public Mono<Webhook> find(String accountId, String id) {
        return db.sql("SELECT " + COLUMNS + " FROM webhooks WHERE id = :id AND account_id = :account")
                .bind("id", id)
                .bind("account", accountId)
                .map(WebhookRepository::webhook)
                .one();
    }

    /** By id, a page after {@code afterId}. */
    public Flux<Webhook> page(String accountId, String afterId, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM webhooks WHERE account_id = :account AND id > :after ORDER BY id LIMIT :limit")
                .bind("account", accountId)
                .bind("after", afterId == null ? "" : afterId)
                .bind("limit", limit)
                .map(WebhookRepository::webhook)
                .all();
    }

    public Mono<Long> count(String accountId) {
        return db.sql("SELECT COUNT(*) AS n FROM webhooks WHERE account_id = :account")
                .bind("account", accountId)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** The account's active endpoints. */
    public Flux<Target> activeTargets(String accountId) {
        return db.sql("SELECT id, url, secret, events, active FROM webhooks WHERE account_id = :account AND active = TRUE")
                .bind("account", accountId)
                .map(WebhookRepository::targetOf)
                .all();
    }

    /** The endpoint a delivery goes to, active or not; empty when it was deleted. */
    public Mono<Target> target(String id) {
        return db.sql("SELECT id, url, secret, events, active FROM webhooks WHERE id = :id")
                .bind("id", id)
                .map(WebhookRepository::targetOf)
                .one();
    }

    /** Deletes the webhook and its delivery log in one statement each; call inside a transaction. */
    public Mono<Long> delete(String accountId, String id) {
        return db.sql("DELETE FROM webhook_deliveries WHERE webhook_id = :id AND account_id = :account")
                .bind("id", id)
                .bind("account", accountId)
                .then()
                .then(db.sql("DELETE FROM webhooks WHERE id = :id AND account_id = :account")
                        .bind("id", id)
                        .bind("account", accountId)
                        .fetch().rowsUpdated());
    }

    private static Target targetOf(Readable row) {
        return new Target(row.get("id", String.class), row.get("url", String.class), row.get("secret", String.class),
                events(row.get("events", String.class)), Boolean.TRUE.equals(row.get("active", Boolean.class)));
    }

    private static Webhook webhook(Readable row) {
        return new Webhook(row.get("id", String.class), row.get("account_id", String.class), row.get("url", String.class),
                events(row.get("events", String.class)), Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("description", String.class), Times.fromDb(row.get("created_at", LocalDateTime.class)),
                Times.fromDb(row.get("updated_at", LocalDateTime.class)));
    }

    private static List<String> events(String column) {
        return column == null || column.isBlank() ? List.of() : Arrays.asList(column.trim().split(" +"));
    }
}
