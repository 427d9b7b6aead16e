package dev.parley.webhook.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import dev.parley.shared.Times;
import dev.parley.webhook.Delivery;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox, {@code webhook_deliveries}. A node claims rows by a conditional update that sets
 * {@code claimed_by} to a token of its own and {@code claimed_until} to the lease's end; only rows
 * that are pending, due and unclaimed (or whose lease ran out) match, so two nodes never hold the
 * same row at once, and a crashed node's rows come back when its lease ends.
 */
@Repository
public class DeliveryRepository {

    private static final String COLUMNS = "id, webhook_id, event_type, conversation_id, status, attempts, last_status,"
            + " last_error, created_at, next_attempt_at, delivered_at";

    /** The schema's column size. */
    static final int MAX_ERROR = 500;

    private final DatabaseClient db;

    DeliveryRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A claimed row with what sending it needs. */
    public record Claimed(String id, String webhookId, String eventType, String payload, int attempts) {
    }

    public Mono<Void> insert(String id, String webhookId, String accountId, String eventType, String conversationId,
            String payload, Instant now) {
        return db.sql("INSERT INTO webhook_deliveries (id, webhook_id, account_id, event_type, conversation_id, payload, status,"
                        + " attempts, next_attempt_at, created_at) VALUES (:id, :webhook, :account, :type, :conversation, :payload,"
                        + " 'PENDING', 0, :now, :now)")
                .bind("id", id)
                .bind("webhook", webhookId)
                .bind("account", accountId)
                .bind("type", eventType)
                .bind("conversation", Parameter.fromOrEmpty(conversationId, String.class))
                .bind("payload", payload)
                .bind("now", Times.toDb(now))
                .then();
    }

    /** Claims up to {@code limit} due rows for {@code token} until {@code until}, and returns them. */
    public Flux<Claimed> claim(String token, Instant now, Instant until, int limit) {
        return db.sql("SELECT id FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= :now"
                        + " AND (claimed_until IS NULL OR claimed_until < :now) ORDER BY next_attempt_at LIMIT :limit")
                .bind("now", Times.toDb(now))
                .bind("limit", limit)
                .map(row -> row.get("id", String.class))
                .all()
                .collectList()
                .flatMapMany(ids -> ids.isEmpty() ? Flux.empty() : db.sql("UPDATE webhook_deliveries SET claimed_by = :token,"
                                + " claimed_until = :until WHERE id IN (:ids) AND status = 'PENDING'"
                                + " AND (claimed_until IS NULL OR claimed_until < :now)")
                        .bind("token", token)
                        .bind("until", Times.toDb(until))
                        .bind("ids", ids)
                        .bind("now", Times.toDb(now))
                        .then()
                        .thenMany(db.sql("SELECT id, webhook_id, event_type, payload, attempts FROM webhook_deliveries"
                                        + " WHERE claimed_by = :token AND id IN (:ids) AND status = 'PENDING'")
                                .bind("token", token)
                                .bind("ids", ids)
                                .map(row -> new Claimed(row.get("id", String.class), row.get("webhook_id", String.class),
                                        row.get("event_type", String.class), row.get("payload", String.class),
                                        row.get("attempts", Integer.class)))
                                .all()));
    }

    /** Records a successful attempt, if the claim is still ours. */
    public Mono<Void> delivered(Claimed claimed, String token, int status, Instant now) {
        return db.sql("UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = attempts + 1, last_status = :status,"
                        + " last_error = NULL, delivered_at = :now, claimed_by = NULL, claimed_until = NULL"
                        + " WHERE id = :id AND claimed_by = :token")
                .bind("status", status)
                .bind("now", Times.toDb(now))
                .bind("id", claimed.id())
                .bind("token", token)
                .then();
    }

    /** Records a failed attempt: pending again from {@code nextAttemptAt}, or FAILED when {@code giveUp}. */
    public Mono<Void> failed(Claimed claimed, String token, Integer status, String error, Instant nextAttemptAt, boolean giveUp) {
        return db.sql("UPDATE webhook_deliveries SET status = :state, attempts = attempts + 1, last_status = :status,"
                        + " last_error = :error, next_attempt_at = :next, claimed_by = NULL, claimed_until = NULL"
                        + " WHERE id = :id AND claimed_by = :token")
                .bind("state", giveUp ? "FAILED" : "PENDING")
                .bind("status", Parameter.fromOrEmpty(status, Integer.class))
                .bind("error", Parameter.fromOrEmpty(error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR),
                        String.class))
                .bind("next", Times.toDb(nextAttemptAt))
                .bind("id", claimed.id())
                .bind("token", token)
                .then();
    }

    /** Makes a failed delivery pending again, due now, with a fresh attempt count. */
    public Mono<Long> retry(String accountId, String webhookId, String id, Instant now) {
        return db.sql("UPDATE webhook_deliveries SET status = 'PENDING', attempts = 0, next_attempt_at = :now,"
                        + " claimed_by = NULL, claimed_until = NULL WHERE id = :id AND webhook_id = :webhook AND account_id = :account"
                        + " AND status = 'FAILED'")
                .bind("now", Times.toDb(now))
                .bind("id", id)
                .bind("webhook", webhookId)
                .bind("account", accountId)
                .fetch().rowsUpdated();
    }

    /** A webhook's deliveries, newest first, before {@code beforeId}. */
    public Flux<Delivery> page(String accountId, String webhookId, String beforeId, int limit) {
        // No sentinel for the first page: collations order punctuation differently from ULID characters.
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE webhook_id = :webhook"
                        + " AND account_id = :account" + (beforeId == null ? "" : " AND id < :before") + " ORDER BY id DESC LIMIT :limit")
                .bind("webhook", webhookId)
                .bind("account", accountId)
                .bind("limit", limit);
        return (beforeId == null ? spec : spec.bind("before", beforeId)).map(DeliveryRepository::delivery).all();
    }

    public Mono<Delivery> find(String accountId, String webhookId, String id) {
        return db.sql("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = :id AND webhook_id = :webhook AND account_id = :account")
                .bind("id", id)
                .bind("webhook", webhookId)
                .bind("account", accountId)
                .map(DeliveryRepository::delivery)
                .one();
    }

    /** Deletes up to {@code limit} finished deliveries created before {@code before}; completes with how many. */
    public Mono<Integer> pruneFinished(Instant before, int limit) {
        return db.sql("SELECT id FROM webhook_deliveries WHERE status IN ('DELIVERED', 'FAILED') AND created_at < :before LIMIT :limit")
                .bind("before", Times.toDb(before))
                .bind("limit", limit)
                .map(row -> row.get("id", String.class))
                .all()
                .collectList()
                .flatMap(ids -> ids.isEmpty() ? Mono.just(0) : db.sql("DELETE FROM webhook_deliveries WHERE id IN (:ids)")
                        .bind("ids", ids)
                        .fetch().rowsUpdated().map(Long::intValue));
    }

    /** Deletes the outbox rows of these conversations, whose payloads would otherwise keep their messages. */
    public Mono<Long> deleteForConversations(List<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("DELETE FROM webhook_deliveries WHERE conversation_id IN (:ids)")
                .bind("ids", conversationIds)
                .fetch().rowsUpdated();
    }

    private static Delivery delivery(Readable row) {
        return new Delivery(row.get("id", String.class), row.get("webhook_id", String.class), row.get("event_type", String.class),
                row.get("conversation_id", String.class), row.get("status", String.class), row.get("attempts", Integer.class),
                row.get("last_status", Integer.class), row.get("last_error", String.class),
                Times.fromDb(row.get("created_at", LocalDateTime.class)), Times.fromDb(row.get("next_attempt_at", LocalDateTime.class)),
                Times.fromDb(row.get("delivered_at", LocalDateTime.class)));
    }
}
