package dev.parley.agentgateway.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import dev.parley.agent.AgentStatusChanged;
import dev.parley.agent.RosterEntry;
import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationClosed;
import dev.parley.conversation.ConversationOpened;
import dev.parley.conversation.ConversationRated;
import dev.parley.conversation.ConversationReopened;
import dev.parley.conversation.HistoryTruncated;
import dev.parley.conversation.Message;
import dev.parley.conversation.MessagePosted;
import dev.parley.conversation.MessagesRead;
import dev.parley.conversation.TypingChanged;
import dev.parley.routing.ConversationAssigned;
import dev.parley.routing.ConversationPending;
import dev.parley.routing.ConversationRequeued;
import dev.parley.visitor.VisitorNavigated;

/** What the console receives, as JSON-ready records. Agents see ids, notes and visitors' drafts. */
final class AgentViews {

    private AgentViews() {
    }

    record AuthorView(String kind, String id, String name) {
        static AuthorView of(Author a) {
            return new AuthorView(lower(a.kind()), a.id(), a.name());
        }
    }

    record ConversationView(String id, String siteId, String visitorId, String teamId, String status, String assignedAgentId,
            Instant queuedAt, Instant createdAt, Instant assignedAt, Instant firstResponseAt, Instant closedAt,
            Instant lastActivityAt, long lastSeq, long visitorReadSeq, long agentReadSeq, Map<String, String> prechat,
            Integer rating) {
        static ConversationView of(Conversation c) {
            return new ConversationView(c.id(), c.siteId(), c.visitorId(), c.teamId(), lower(c.status()), c.assignedAgentId(),
                    c.queuedAt(), c.createdAt(), c.assignedAt(), c.firstResponseAt(), c.closedAt(), c.lastActivityAt(),
                    c.lastSeq(), c.visitorReadSeq(), c.agentReadSeq(), c.prechat().isEmpty() ? null : c.prechat(), c.rating());
        }
    }

    record MessageView(String type, String conversationId, long seq, String clientMsgId, AuthorView author, String kind,
            String body, Map<String, String> meta, Instant createdAt) {
        static MessageView of(Message m) {
            return new MessageView("message", m.conversationId(), m.seq(), m.clientMsgId(), AuthorView.of(m.author()),
                    lower(m.kind()), m.body(), m.meta().isEmpty() ? null : m.meta(), m.createdAt());
        }
    }

    record Ack(String conversationId, String clientMsgId, long seq, Instant createdAt, boolean duplicate) {
        static Ack of(Message m, boolean duplicate) {
            return new Ack(m.conversationId(), m.clientMsgId(), m.seq(), m.createdAt(), duplicate);
        }
    }

    record ConversationEvent(String type, ConversationView conversation) {
    }

    record Typing(String type, String conversationId, AuthorView author, boolean active, String draft, boolean internal, long seq) {
    }

    record Read(String type, String conversationId, String by, long upToSeq) {
    }

    record Closed(String type, String conversationId, Instant closedAt, AuthorView by) {
    }

    record Navigated(String type, String visitorId, String url, String title, Instant viewedAt) {
    }

    record Truncated(String type, String conversationId, long afterSeq, long fromSeq) {
    }

    record AgentStatusView(String type, String agentId, String status, boolean live) {
    }

    /** {@code assignedAt} and a requeue's {@code at} let a console drop an older routing event that arrived late. */
    record Assigned(String type, String conversationId, String agentId, String agentName, String previousAgentId, String reason,
            Instant assignedAt) {
    }

    record Requeued(String type, String conversationId, String previousAgentId, String reason, Instant at) {
    }

    record Pending(String type, String conversationId, String reason) {
    }

    record Rated(String type, String conversationId, int rating, String comment) {
    }

    record Ready(String type) {
    }

    /** {@code capacity}: the agent's override, or else the account's largest per-site limit. */
    record Colleague(String agentId, String displayName, String role, String status, boolean live, int openChats,
            Integer capacityOverride, int capacity) {
        static Colleague of(RosterEntry e, int accountDefault) {
            return new Colleague(e.agentId(), e.displayName(), lower(e.role()), lower(e.status()), e.live(), e.openChats(),
                    e.capacityOverride(), e.capacityOverride() == null ? accountDefault : e.capacityOverride());
        }
    }

    /** The console's frame for an event, or null for events it is not told about. */
    static Object of(ClusterEvent event) {
        if (event instanceof BusReady) {
            return new Ready("inbox.ready");
        }
        if (event instanceof MessagePosted posted) {
            return MessageView.of(posted.message());
        }
        if (event instanceof TypingChanged t) {
            return new Typing("typing", t.conversationId(), AuthorView.of(t.author()), t.active(), t.draft(), t.internal(), t.seenSeq());
        }
        if (event instanceof MessagesRead read) {
            return new Read("read", read.conversationId(), lower(read.reader()), read.upToSeq());
        }
        if (event instanceof ConversationOpened opened) {
            return new ConversationEvent("conversation.opened", ConversationView.of(opened.conversation()));
        }
        if (event instanceof ConversationReopened reopened) {
            return new ConversationEvent("conversation.reopened", ConversationView.of(reopened.conversation()));
        }
        if (event instanceof ConversationClosed closed) {
            return new Closed("conversation.closed", closed.conversationId(), closed.closedAt(), AuthorView.of(closed.closedBy()));
        }
        if (event instanceof VisitorNavigated navigated) {
            return new Navigated("visitor.navigated", navigated.visitorId(), navigated.url(), navigated.title(), navigated.viewedAt());
        }
        if (event instanceof AgentStatusChanged status) {
            return new AgentStatusView("agent.status", status.agentId(), lower(status.status()), status.live());
        }
        if (event instanceof ConversationAssigned a) {
            return new Assigned("conversation.assigned", a.conversationId(), a.agentId(), a.agentName(), a.previousAgentId(), a.reason(),
                    a.assignedAt());
        }
        if (event instanceof ConversationRequeued r) {
            return new Requeued("conversation.requeued", r.conversationId(), r.previousAgentId(), r.reason(), r.at());
        }
        if (event instanceof ConversationPending p) {
            return new Pending("conversation.pending", p.conversationId(), p.reason());
        }
        if (event instanceof ConversationRated rated) {
            return new Rated("conversation.rated", rated.conversationId(), rated.rating(), rated.comment());
        }
        if (event instanceof HistoryTruncated truncated) {
            return new Truncated("truncated", truncated.conversationId(), truncated.afterSeq(), truncated.fromSeq());
        }
        return null;
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
