package dev.parley.agentgateway.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.parley.agent.Role;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.Conversations;
import dev.parley.security.AgentPrincipal;
import dev.parley.audit.AuditLog;
import dev.parley.visitor.Bans;
import dev.parley.visitor.Visitors;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The console's visitor routes. A visitor the caller may not see answers like one that does not exist. */
@Controller
class VisitorRoutes {

    /** Longest ban an agent may set for a time; longer ones are for good, which needs no number. */
    private static final int MAX_BAN_HOURS = 24 * 365;

    private final Visitors visitors;
    private final Bans bans;
    private final Conversations conversations;
    private final AuditLog audit;

    VisitorRoutes(Visitors visitors, Bans bans, Conversations conversations, AuditLog audit) {
        this.visitors = visitors;
        this.bans = bans;
        this.conversations = conversations;
        this.audit = audit;
    }

    record Banned(String visitorId, Instant until) {
    }

    /**
     * Bans the visitor (and, if asked, their address) and closes their open conversation. Admins and
     * supervisors may ban any visitor of the account; an agent only the visitor they are chatting with.
     */
    @MessageMapping("visitors.ban")
    Mono<Banned> ban(@AuthenticationPrincipal AgentPrincipal agent, Requests.Ban request) {
        if (request.hours() != null && (request.hours() < 1 || request.hours() > MAX_BAN_HOURS)) {
            return Mono.error(GatewayException.invalid("hours must be 1 to " + MAX_BAN_HOURS + ", or absent for a permanent ban"));
        }
        Duration duration = request.hours() == null ? null : Duration.ofHours(request.hours());
        return visitors.find(agent.accountId(), request.visitorId())
                .switchIfEmpty(Mono.error(() -> GatewayException.notFound("visitor")))
                .flatMap(visitor -> conversations.findOpenForVisitor(visitor.id())
                        .map(java.util.Optional::of)
                        .defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(open -> {
                            if (agent.role() == Role.AGENT && open.map(c -> !agent.agentId().equals(c.assignedAgentId())).orElse(true)) {
                                return Mono.error(GatewayException.notFound("visitor"));
                            }
                            String conversationId = open.map(Conversation::id).orElse(null);
                            return bans.ban(agent.accountId(), visitor.id(), agent.agentId(), request.reason(), duration,
                                            Boolean.TRUE.equals(request.includeAddress()), conversationId)
                                    .then(open.isEmpty() ? Mono.empty()
                                            : conversations.close(conversationId, Author.agent(agent.agentId(), agent.displayName())))
                                    .then(audit.record(agent.accountId(), agent.agentId(), "visitor.banned", "visitor", visitor.id(),
                                            Map.of("reason", request.reason() == null ? "" : request.reason(),
                                                    "hours", request.hours() == null ? "permanent" : request.hours().toString())))
                                    .thenReturn(new Banned(visitor.id(), duration == null ? null : Instant.now().plus(duration)));
                        }));
    }
}
