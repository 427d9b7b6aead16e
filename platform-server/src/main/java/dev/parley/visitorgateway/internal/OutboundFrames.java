package dev.parley.visitorgateway.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.conversation.Author;
import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationClosed;
import dev.parley.conversation.ConversationReopened;
import dev.parley.conversation.HistoryTruncated;
import dev.parley.conversation.Message;
import dev.parley.conversation.MessagePosted;
import dev.parley.conversation.MessagesRead;
import dev.parley.conversation.ConversationRated;
import dev.parley.conversation.TypingChanged;
import dev.parley.routing.ConversationAssigned;
import dev.parley.routing.ConversationPending;
import dev.parley.routing.QueuePositionChanged;
import dev.parley.visitor.Visitor;

/**
 * The frames the gateway sends, as JSON-ready records. Visitors see names, never agents' ids or
 * anything of other visitors.
 */
final class OutboundFrames {

    private OutboundFrames() {
    }

    record AuthorView(String kind, String name) {
        static AuthorView of(Author author) {
            return new AuthorView(lower(author.kind()), author.kind() == AuthorKind.SYSTEM ? null : author.name());
        }
    }

    record ConversationView(String id, String status, long lastSeq, long visitorReadSeq, long agentReadSeq,
            Instant createdAt, Instant closedAt) {
        static ConversationView of(Conversation c) {
            return new ConversationView(c.id(), lower(c.status()), c.lastSeq(), c.visitorReadSeq(), c.agentReadSeq(),
                    c.createdAt(), c.closedAt());
        }
    }

    record MessageView(String type, String conversationId, long seq, String clientMsgId, AuthorView author, String kind,
            String body, Map<String, String> meta, Instant createdAt) {

        /**
         * The details of an event a widget may show or localise from. Events also record who acted
         * ({@code agentId}, {@code previousAgentId}, {@code byId}) for the agents' side; those ids
         * never reach a visitor, so the keys are allowed by name and anything added later stays out.
         */
        static final Set<String> VISITOR_META = Set.of("type", "reason", "agentName", "byKind");

        static MessageView of(Message m) {
            return new MessageView("message", m.conversationId(), m.seq(), m.clientMsgId(), AuthorView.of(m.author()),
                    lower(m.kind()), m.body(), visible(m.meta()), m.createdAt());
        }

        private static Map<String, String> visible(Map<String, String> meta) {
            if (meta.isEmpty()) {
                return null;
            }
            Map<String, String> kept = new TreeMap<>(meta);
            kept.keySet().retainAll(VISITOR_META);
            return kept.isEmpty() ? null : kept;
        }
    }

    record VisitorView(String id, String name, String email, boolean verified) {
        static VisitorView of(Visitor v) {
            return new VisitorView(v.id(), v.name(), v.email(), v.verified());
        }
    }

    record Identified(String type, VisitorView visitor) {
    }

    record Welcome(String type, String visitorId, ConversationView conversation) {
    }

    record Started(String type, ConversationView conversation) {
    }

    record Ack(String type, String conversationId, String clientMsgId, long seq, Instant createdAt, boolean duplicate) {
    }

    record Typing(String type, String conversationId, AuthorView author, boolean active, long seq) {
    }

    record Read(String type, String conversationId, String by, long upToSeq) {
    }

    record Closed(String type, String conversationId, Instant closedAt, String by) {
    }

    record Reopened(String type, ConversationView conversation) {
    }

    record Truncated(String type, String conversationId, long afterSeq, long fromSeq) {
    }

    record Queue(String type, String conversationId, int position, Long etaSeconds) {
    }

    record AgentView(String name) {
    }

    record Assigned(String type, String conversationId, AgentView agent) {
    }

    record Pending(String type, String conversationId, String reason) {
    }

    record Rated(String type, String conversationId, int rating) {
    }

    record Error(String type, String code, String message, String ref, Boolean retryable) {
    }

    record Pong(String type) {
    }

    record TranscriptSent(String type, String conversationId) {
    }

    static Welcome welcome(String visitorId, Conversation conversation) {
        return new Welcome("welcome", visitorId, conversation == null ? null : ConversationView.of(conversation));
    }

    static Identified identified(Visitor visitor) {
        return new Identified("identified", VisitorView.of(visitor));
    }

    static Started started(Conversation conversation) {
        return new Started("started", ConversationView.of(conversation));
    }

    static Ack ack(Message message, boolean duplicate) {
        return new Ack("ack", message.conversationId(), message.clientMsgId(), message.seq(), message.createdAt(), duplicate);
    }

    static Queue queue(QueuePositionChanged position) {
        return new Queue("queue", position.conversationId(), position.position(), position.etaSeconds());
    }

    static Error error(String code, String message, String ref, boolean retryable) {
        return new Error("error", code, message, ref, retryable ? Boolean.TRUE : null);
    }

    static TranscriptSent transcriptSent(String conversationId) {
        return new TranscriptSent("transcriptSent", conversationId);
    }

    static Pong pong() {
        return new Pong("pong");
    }

    /**
     * The frame for a conversation event, or null when the visitor is not told about it (their own
     * typing, events of other modules it does not know).
     */
    static Object of(ClusterEvent event) {
        if (event instanceof MessagePosted posted) {
            return MessageView.of(posted.message());
        }
        if (event instanceof TypingChanged typing) {
            return typing.author().kind() == AuthorKind.VISITOR || typing.internal() ? null
                    : new Typing("typing", typing.conversationId(), AuthorView.of(typing.author()), typing.active(),
                            typing.seenSeq());
        }
        if (event instanceof MessagesRead read) {
            return new Read("read", read.conversationId(), lower(read.reader()), read.upToSeq());
        }
        if (event instanceof ConversationClosed closed) {
            return new Closed("closed", closed.conversationId(), closed.closedAt(), lower(closed.closedBy().kind()));
        }
        if (event instanceof ConversationReopened reopened) {
            return new Reopened("reopened", ConversationView.of(reopened.conversation()));
        }
        if (event instanceof QueuePositionChanged queue) {
            return queue(queue);
        }
        if (event instanceof ConversationAssigned assigned) {
            return new Assigned("assigned", assigned.conversationId(), new AgentView(assigned.agentName()));
        }
        if (event instanceof ConversationPending pending) {
            return new Pending("pending", pending.conversationId(), pending.reason());
        }
        if (event instanceof ConversationRated rated) {
            return new Rated("rated", rated.conversationId(), rated.rating());
        }
        if (event instanceof HistoryTruncated truncated) {
            return new Truncated("truncated", truncated.conversationId(), truncated.afterSeq(), truncated.fromSeq());
        }
        return null;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
