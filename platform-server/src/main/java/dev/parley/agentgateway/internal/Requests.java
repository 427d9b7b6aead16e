package dev.parley.agentgateway.internal;

import java.time.Instant;
import java.util.List;

/** The JSON payloads of the console's requests. */
final class Requests {

    private Requests() {
    }

    /** {@code batches}: the console reads {@code batch} frames (see InboxBatches); older consoles leave it out. */
    record Inbox(List<InboxStream.Cursor> cursors, Boolean batches) {
    }

    record ListConversations(String view, Integer limit, Instant before, String beforeId) {
    }

    record ConversationRef(String conversationId) {
    }

    record History(String conversationId, Long beforeSeq, Integer limit) {
    }

    record Send(String conversationId, String clientMsgId, String body) {
    }

    /** {@code seq}: the newest message the console holds of the conversation (see TypingChanged.seenSeq). */
    record Typing(String conversationId, Boolean active, Boolean internal, Long seq) {
    }

    record Read(String conversationId, Long upToSeq) {
    }

    record Search(String query, Integer limit) {
    }

    record VisitorRef(String visitorId) {
    }

    record VisitorIds(List<String> visitorIds) {
    }

    record CannedRef(String id) {
    }

    /** {@code scope}: {@code personal} (the default) or {@code shared} (admins only). */
    record CannedCreate(String scope, String shortcut, String title, String body) {
    }

    record CannedUpdate(String id, String shortcut, String title, String body) {
    }

    record Ban(String visitorId, String reason, Integer hours, Boolean includeAddress) {
    }

    record Renew(String accessToken) {

        @Override
        public String toString() {
            return "Renew[(secret)]";
        }
    }

    record TranscriptEmail(String conversationId, String to) {
    }
}
