package dev.parley.transcript.internal;

import java.time.Instant;

import dev.parley.shared.Times;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for the log of mailed transcripts, which the hourly limits count. Every statement binds its values. */
@Repository
public class TranscriptEmailRepository {

    private final DatabaseClient db;

    TranscriptEmailRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Makes sure the lock row of {@code stripe} exists; a row another request just inserted is as good. */
    public Mono<Void> ensureStripe(int stripe) {
        return db.sql("INSERT INTO transcript_email_locks (stripe) VALUES (:stripe)").bind("stripe", stripe).then()
                .onErrorResume(DataIntegrityViolationException.class, exists -> Mono.empty());
    }

    /** Holds the lock row of {@code stripe} until the transaction ends; the row must exist. */
    public Mono<Void> lockStripe(int stripe) {
        return db.sql("SELECT stripe FROM transcript_email_locks WHERE stripe = :stripe FOR UPDATE")
                .bind("stripe", stripe).fetch().all().then();
    }

    public Mono<Long> countSince(String requesterId, Instant since) {
        return db.sql("SELECT COUNT(*) AS n FROM transcript_emails WHERE requester_id = :requester AND created_at > :since")
                .bind("requester", requesterId)
                .bind("since", Times.toDb(since))
                .map(row -> row.get("n", Number.class).longValue())
                .one();
    }

    public Mono<Void> insert(String id, String accountId, String conversationId, String requestedBy, String requesterId, Instant at) {
        return db.sql("INSERT INTO transcript_emails (id, account_id, conversation_id, requested_by, requester_id, created_at)"
                        + " VALUES (:id, :account, :conversation, :by, :requester, :at)")
                .bind("id", id)
                .bind("account", accountId)
                .bind("conversation", conversationId)
                .bind("by", requestedBy)
                .bind("requester", requesterId)
                .bind("at", Times.toDb(at))
                .then();
    }
}
