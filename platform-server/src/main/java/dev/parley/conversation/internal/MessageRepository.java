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
        return page(conversationId, "seq > :seq ORDER BY seq", afterSeq, limit);
    }

    /** The newest {@code limit} messages with seq above {@code afterSeq}, oldest first. */
    public Mono<List<Message>> latest(String conversationId, long afterSeq, int limit) {
        return page(conversationId, "seq > :seq ORDER BY seq DESC", afterSeq, limit).collectList().map(MessageRepository::oldestFirst);
    }

    /** A page of history before {@code beforeSeq}, oldest first, without what {@code audience} may not see. */
    public Flux<Message> before(String conversationId, long beforeSeq, int limit, Audience audience) {
        String notes = audience == Audience.VISITOR ? " AND kind <> 'NOTE'" : "";
        return page(conversationId, "seq < :seq" + notes + " ORDER BY seq DESC", beforeSeq, limit)
                .collectList()
                .flatMapIterable(MessageRepository::oldestFirst);
    }

    /** At most {@code limit} of the conversation's messages meeting {@code condition}, a fixed clause on {@code :seq}. */
    private Flux<Message> page(String conversationId, String condition, long seq, int limit) {
        return db.sql("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = :id AND " + condition + " LIMIT :limit")
                .bind("id", conversationId)
                .bind("seq", seq)
                .bind("limit", limit)
                .map(rows::message)
                .all();
    }

    private static List<Message> oldestFirst(List<Message> newestFirst) {
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }
}
