package dev.parley.agentgateway.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Role;
import dev.parley.agentgateway.AgentGatewayProperties;
import dev.parley.conversation.Conversations;
import dev.parley.security.AgentPrincipal;
import dev.parley.visitor.PageView;
import dev.parley.visitor.Visitor;
import dev.parley.visitor.Visitors;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * What the console shows about visitors. An agent sees a visitor while they may see one of the
 * visitor's conversations (assigned to them, or waiting); supervisors and admins see every visitor
 * of the account. Anyone else's visitor answers like one that does not exist.
 */
@Controller
class VisitorInfoRoutes {

    /** Past conversations listed in the visitor panel; older ones are rarely what an agent looks for. */
    private static final int PAST_CONVERSATIONS = 20;

    private final Visitors visitors;
    private final Conversations conversations;
    private final AgentGatewayProperties limits;

    VisitorInfoRoutes(Visitors visitors, Conversations conversations, AgentGatewayProperties limits) {
        this.visitors = visitors;
        this.conversations = conversations;
        this.limits = limits;
    }

    record Summary(String id, String name, String email, boolean verified) {
        static Summary of(Visitor v) {
            return new Summary(v.id(), v.name(), v.email(), v.verified());
        }
    }

    /** The IP address is left out: agents need to know who the visitor is, not where they connect from. */
    record Details(String id, String siteId, String name, String email, String externalId, boolean verified,
            Map<String, String> attributes, String userAgent, String locale, String timeZone, String currentUrl, String referrer,
            Instant firstSeenAt, Instant lastSeenAt, List<PageView> pages, List<AgentViews.ConversationView> conversations) {
    }

    /** Names of several visitors at once, for lists of conversations; unknown and invisible ids are left out. */
    @MessageMapping("visitors.list")
    Mono<List<Summary>> list(@AuthenticationPrincipal AgentPrincipal agent, Requests.VisitorIds request) {
        if (request.visitorIds() == null || request.visitorIds().size() > MAX_IDS) {
            return Mono.error(GatewayException.invalid("visitorIds must be a list of at most " + MAX_IDS + " ids"));
        }
        return visitors.some(agent.accountId(), request.visitorIds(), scope(agent)).map(Summary::of).collectList();
    }

    /** One visitors.list covers a screen of conversations, however busy. */
    private static final int MAX_IDS = 200;

    /** Everything the visitor panel shows: who, where from, on which page now and before, and past conversations. */
    @MessageMapping("visitors.get")
    Mono<Details> get(@AuthenticationPrincipal AgentPrincipal agent, Requests.VisitorRef request) {
        String id = request.visitorId() == null ? "" : request.visitorId();
        return visitors.some(agent.accountId(), List.of(id), scope(agent)).next()
                .switchIfEmpty(Mono.error(() -> GatewayException.notFound("visitor")))
                .flatMap(v -> Mono.zip(
                        visitors.pageViews(agent.accountId(), v.id(), limits.visitorPageTrail()).collectList(),
                        conversations.forVisitor(v.id(), PAST_CONVERSATIONS)
                                .filter(c -> ConversationAccess.sees(agent, c))
                                .map(AgentViews.ConversationView::of)
                                .collectList())
                        .map(t -> new Details(v.id(), v.siteId(), v.name(), v.email(), v.externalId(), v.verified(), v.attributes(),
                                v.userAgent(), v.locale(), v.timeZone(), v.currentUrl(), v.referrer(), v.firstSeenAt(), v.lastSeenAt(),
                                t.getT1(), t.getT2())));
    }

    private static String scope(AgentPrincipal agent) {
        return agent.role() == Role.AGENT ? agent.agentId() : null;
    }
}
