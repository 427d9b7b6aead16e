package dev.parley.transcript.internal;

import java.time.Instant;

import dev.parley.shared.Times;
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

    /** Forgets the log of a conversation's transcripts, when the conversation is erased. */
    public Mono<Void> deleteForConversation(String conversationId) {
        return db.sql("DELETE FROM transcript_emails WHERE conversation_id = :conversation")
                .bind("conversation", conversationId)
                .then();
    }
}
