package dev.parley.conversation.internal;

import java.time.LocalDateTime;
import java.util.Map;

import dev.parley.conversation.Author;
import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Message;
import dev.parley.conversation.MessageKind;
import dev.parley.shared.Times;
import io.r2dbc.spi.Readable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Maps rows to the module's records, and its maps to the TEXT columns that hold them as JSON. */
final class Rows {

    static final String CONVERSATION_COLUMNS = "id, account_id, site_id, visitor_id, team_id, status, assigned_agent_id,"
            + " queued_at, created_at, assigned_at, first_response_at, closed_at, last_activity_at, last_seq,"
            + " visitor_read_seq, agent_read_seq, prechat, rating, pending_reason";

    static final String MESSAGE_COLUMNS = "conversation_id, seq, client_msg_id, author_kind, author_id, author_name, kind,"
            + " body, meta, created_at";

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final JsonMapper json;

    Rows(JsonMapper json) {
        this.json = json;
    }

    Conversation conversation(Readable row) {
        return new Conversation(
                row.get("id", String.class),
                row.get("account_id", String.class),
                row.get("site_id", String.class),
                row.get("visitor_id", String.class),
                row.get("team_id", String.class),
                ConversationStatus.valueOf(row.get("status", String.class)),
                row.get("assigned_agent_id", String.class),
                time(row, "queued_at"),
                time(row, "created_at"),
                time(row, "assigned_at"),
                time(row, "first_response_at"),
                time(row, "closed_at"),
                time(row, "last_activity_at"),
                number(row, "last_seq"),
                number(row, "visitor_read_seq"),
                number(row, "agent_read_seq"),
                map(row.get("prechat", String.class)),
                row.get("rating", Integer.class),
                row.get("pending_reason", String.class));
    }

    Message message(Readable row) {
        return new Message(
                row.get("conversation_id", String.class),
                number(row, "seq"),
                row.get("client_msg_id", String.class),
                new Author(AuthorKind.valueOf(row.get("author_kind", String.class)), row.get("author_id", String.class),
                        row.get("author_name", String.class)),
                MessageKind.valueOf(row.get("kind", String.class)),
                row.get("body", String.class),
                map(row.get("meta", String.class)),
                time(row, "created_at"));
    }

    String json(Map<String, String> map) {
        return map == null || map.isEmpty() ? null : json.writeValueAsString(map);
    }

    Map<String, String> map(String text) {
        return text == null || text.isEmpty() ? Map.of() : json.readValue(text, STRING_MAP);
    }

    static long number(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }

    static java.time.Instant time(Readable row, String column) {
        return Times.fromDb(row.get(column, LocalDateTime.class));
    }
}
