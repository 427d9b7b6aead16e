package dev.parley.agentgateway.internal;

import java.util.List;
import java.util.Locale;

import dev.parley.agentgateway.AgentGatewayProperties;
import dev.parley.conversation.Audience;
import dev.parley.conversation.Author;
import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.ConversationQuery;
import dev.parley.conversation.ConversationSearch;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.MessageKind;
import dev.parley.conversation.PostCommand;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.Ids;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * The console's conversation routes. Each one checks, on every call, that the caller may see (or
 * act on) the conversation; see {@link ConversationAccess}.
 */
@Controller
class ConversationRoutes {

    private final Conversations conversations;
    private final ConversationAccess access;
    private final AgentGatewayProperties limits;

    ConversationRoutes(Conversations conversations, ConversationAccess access, AgentGatewayProperties limits) {
        this.conversations = conversations;
        this.access = access;
        this.limits = limits;
    }

    record Page(List<AgentViews.MessageView> messages, boolean hasMore) {
    }

    @MessageMapping("conversations.list")
    Mono<List<AgentViews.ConversationView>> list(@AuthenticationPrincipal AgentPrincipal agent, Requests.ListConversations request) {
        ConversationQuery.View view = view(request.view());
        if (view == ConversationQuery.View.ALL && agent.role() == dev.parley.agent.Role.AGENT) {
            return Mono.error(new GatewayException("forbidden", "Only supervisors and admins see all conversations"));
        }
        String agentId = view == ConversationQuery.View.MINE || (view == ConversationQuery.View.CLOSED
                && agent.role() == dev.parley.agent.Role.AGENT) ? agent.agentId() : null;
        int limit = request.limit() == null ? 50 : request.limit();
        return conversations.list(new ConversationQuery(agent.accountId(), view, agentId, limit, request.before(), request.beforeId()))
                .map(AgentViews.ConversationView::of)
                .collectList();
    }

    /**
     * Conversations by their visitor's name or email or by message text, newest activity first:
     * every one of the account for supervisors and admins, an agent's own and the waiting ones for agents.
     */
    @MessageMapping("conversations.search")
    Mono<List<AgentViews.ConversationView>> search(@AuthenticationPrincipal AgentPrincipal agent, Requests.Search request) {
        String text = request.query() == null ? "" : request.query().strip();
        if (text.length() < MIN_SEARCH || text.length() > MAX_SEARCH) {
            return Mono.error(GatewayException.invalid("query must be " + MIN_SEARCH + " to " + MAX_SEARCH + " characters"));
        }
        int limit = request.limit() == null ? limits.searchMaxResults() : Math.max(1, Math.min(request.limit(), limits.searchMaxResults()));
        String scope = agent.role() == dev.parley.agent.Role.AGENT ? agent.agentId() : null;
        return conversations.search(new ConversationSearch(agent.accountId(), scope, text, limit))
                .map(AgentViews.ConversationView::of)
                .collectList();
    }

    /** One letter matches nearly everything; two is where a search starts to narrow. */
    private static final int MIN_SEARCH = 2;

    /** Longer than any name, email or phrase anyone looks for. */
    private static final int MAX_SEARCH = 200;

    @MessageMapping("conversations.get")
    Mono<AgentViews.ConversationView> get(@AuthenticationPrincipal AgentPrincipal agent, Requests.ConversationRef request) {
        return access.readable(agent, request.conversationId()).map(AgentViews.ConversationView::of);
    }

    @MessageMapping("conversations.history")
    Mono<Page> history(@AuthenticationPrincipal AgentPrincipal agent, Requests.History request) {
        int limit = request.limit() == null ? Conversations.DEFAULT_HISTORY_PAGE : request.limit();
        return access.readable(agent, request.conversationId())
                .flatMap(c -> conversations.history(c.id(), request.beforeSeq(), limit, Audience.AGENT))
                .map(page -> new Page(page.messages().stream().map(AgentViews.MessageView::of).toList(), page.hasMore()));
    }

    @MessageMapping(SendResponder.ROUTE)
    Mono<AgentViews.Ack> send(@AuthenticationPrincipal AgentPrincipal agent, Requests.Send request) {
        return post(agent, request, MessageKind.TEXT);
    }

    @MessageMapping("conversations.note")
    Mono<AgentViews.Ack> note(@AuthenticationPrincipal AgentPrincipal agent, Requests.Send request) {
        return post(agent, request, MessageKind.NOTE);
    }

    @MessageMapping("conversations.typing")
    Mono<Void> typing(@AuthenticationPrincipal AgentPrincipal agent, Requests.Typing request) {
        return access.actionable(agent, request.conversationId())
                .flatMap(c -> conversations.typing(c, author(agent), request.active() == null || request.active(), null,
                        Boolean.TRUE.equals(request.internal()), request.seq() == null ? 0 : request.seq()));
    }

    @MessageMapping("conversations.read")
    Mono<Void> read(@AuthenticationPrincipal AgentPrincipal agent, Requests.Read request) {
        if (request.upToSeq() == null || request.upToSeq() < 0) {
            return Mono.error(GatewayException.invalid("upToSeq must be a non-negative number"));
        }
        return access.readable(agent, request.conversationId())
                .flatMap(c -> conversations.markRead(c, AuthorKind.AGENT, request.upToSeq()));
    }

    @MessageMapping("conversations.close")
    Mono<AgentViews.ConversationView> close(@AuthenticationPrincipal AgentPrincipal agent, Requests.ConversationRef request) {
        return access.actionable(agent, request.conversationId())
                .flatMap(c -> conversations.close(c.id(), author(agent)))
                .map(AgentViews.ConversationView::of);
    }

    @MessageMapping("conversations.reopen")
    Mono<AgentViews.ConversationView> reopen(@AuthenticationPrincipal AgentPrincipal agent, Requests.ConversationRef request) {
        return access.actionable(agent, request.conversationId())
                .flatMap(c -> conversations.reopen(c.id(), author(agent)))
                .map(AgentViews.ConversationView::of);
    }

    private Mono<AgentViews.Ack> post(AgentPrincipal agent, Requests.Send request, MessageKind kind) {
        if (!PostCommand.validClientMsgId(request.clientMsgId())) {
            return Mono.error(GatewayException.invalid("clientMsgId must be 1 to 64 characters of [A-Za-z0-9_.:-]"));
        }
        if (request.body() == null || request.body().isBlank() || request.body().length() > limits.maxMessageLength()) {
            return Mono.error(GatewayException.invalid("body must be 1 to " + limits.maxMessageLength() + " characters"));
        }
        if (!Ids.isWellFormed(request.conversationId())) {
            return Mono.error(GatewayException.notFound("conversation"));
        }
        // Authorized where the message is stored, under the conversation's row lock: no read before
        // the write, which was a pool round trip on every agent message.
        return conversations.post(new PostCommand(request.conversationId(), request.clientMsgId(), author(agent), kind, request.body(),
                        java.util.Map.of(), ConversationAccess.poster(agent)))
                .map(posted -> AgentViews.Ack.of(posted.message(), posted.duplicate()));
    }

    private static Author author(AgentPrincipal agent) {
        return Author.agent(agent.agentId(), agent.displayName());
    }

    private static ConversationQuery.View view(String name) {
        try {
            return ConversationQuery.View.valueOf((name == null ? "mine" : name).toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw GatewayException.invalid("view must be mine, queue, all or closed");
        }
    }
}
