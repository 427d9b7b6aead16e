package dev.parley.conversation.internal;

import java.util.List;

import dev.parley.conversation.Audience;
import dev.parley.conversation.Message;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for reading a conversation's messages by seq, on the primary key; {@link MessageWriter}
 * writes them. Every statement binds its values.
 */
@Repository
public class MessageRepository {

    private final DatabaseClient db;
    private final Rows rows;

    MessageRepository(DatabaseClient db, ConversationRepository conversations) {
        this.db = db;
        this.rows = conversations.rows();
    }

    /** Messages with seq above {@code afterSeq}, oldest first, at most {@code limit}. */
    public Flux<Message> after(String conversationId, long afterSeq, int limit) {
        return db.sql("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = :id AND seq > :after"
                        + " ORDER BY seq LIMIT :limit")
                .bind("id", conversationId)
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map(rows::message)
                .all();
    }

    /** The newest {@code limit} messages with seq above {@code afterSeq}, oldest first. */
    public Mono<List<Message>> latest(String conversationId, long afterSeq, int limit) {
        return db.sql("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = :id AND seq > :after"
                        + " ORDER BY seq DESC LIMIT :limit")
                .bind("id", conversationId)
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map(rows::message)
                .all()
                .collectList()
                .map(MessageRepository::oldestFirst);
    }

    /** A page of history before {@code beforeSeq}, oldest first, without what {@code audience} may not see. */
    public Flux<Message> before(String conversationId, long beforeSeq, int limit, Audience audience) {
        String notes = audience == Audience.VISITOR ? " AND kind <> 'NOTE'" : "";
        return db.sql("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = :id AND seq < :before"
                        + notes + " ORDER BY seq DESC LIMIT :limit")
                .bind("id", conversationId)
                .bind("before", beforeSeq)
                .bind("limit", limit)
                .map(rows::message)
                .all()
                .collectList()
                .flatMapIterable(MessageRepository::oldestFirst);
    }

    private static List<Message> oldestFirst(List<Message> newestFirst) {
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }
}
