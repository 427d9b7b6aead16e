package dev.parley.visitorgateway.internal;

import java.util.List;

import dev.parley.conversation.Audience;
import dev.parley.conversation.Conversations;
import dev.parley.routing.Availability;
import dev.parley.routing.Queues;
import dev.parley.shared.ClientAddress;
import dev.parley.site.Appearance;
import dev.parley.site.PrechatField;
import dev.parley.site.Site;
import dev.parley.site.Sites;
import dev.parley.transcript.Transcripts;
import dev.parley.visitor.Identity;
import dev.parley.visitor.Bans;
import dev.parley.visitor.IdentityRejectedException;
import dev.parley.visitor.SessionContext;
import dev.parley.visitor.Visitor;
import dev.parley.visitor.VisitorSession;
import dev.parley.visitor.Visitors;
import dev.parley.visitorgateway.VisitorGatewayProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The widget's REST calls. Every call needs an allowed {@code Origin}; a conversation that is not
 * the caller's answers exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/v1/widget")
class WidgetApi {

    private final Sites sites;
    private final Visitors visitors;
    private final Bans bans;
    private final Conversations conversations;
    private final Queues queues;
    private final VisitorGatewayProperties limits;
    private final Transcripts transcripts;

    WidgetApi(Sites sites, Visitors visitors, Bans bans, Conversations conversations, Queues queues, VisitorGatewayProperties limits,
            Transcripts transcripts) {
        this.transcripts = transcripts;
        this.sites = sites;
        this.visitors = visitors;
        this.bans = bans;
        this.conversations = conversations;
        this.queues = queues;
        this.limits = limits;
    }

    record IdentityRequest(String id, String name, String email, String hash) {
    }

    record SessionRequest(String siteKey, String token, String pageUrl, String referrer, String locale, String timeZone,
            IdentityRequest identity) {

        @Override
        public String toString() {
            return "SessionRequest[siteKey=" + siteKey + "]";
        }
    }

    record VisitorView(String id, String name, String email, boolean verified) {
    }

    record SiteView(String name, Appearance appearance, String greeting, List<PrechatField> prechatFields,
            boolean identityRequired) {
    }

    record Limits(int maxMessageLength) {
    }

    /** @param transcriptEmail whether the visitor may ask for the transcript by email (mail is set up) */
    record Features(boolean transcriptEmail) {
    }

    record SessionResponse(String token, VisitorView visitor, OutboundFrames.ConversationView conversation, SiteView site,
            Limits limits, Availability availability, Features features) {

        @Override
        public String toString() {
            return "SessionResponse[visitor=" + visitor.id() + "]";
        }
    }

    record MessagesPage(List<OutboundFrames.MessageView> messages, boolean hasMore) {
    }

    @PostMapping("/sessions")
    Mono<SessionResponse> session(@RequestBody SessionRequest request, @RequestHeader(value = HttpHeaders.ORIGIN, required = false) String origin,
            @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent, ServerWebExchange exchange) {
        if (request == null || request.siteKey() == null) {
            return Mono.error(problem(HttpStatus.BAD_REQUEST, "invalid_request", "siteKey is required"));
        }
        SessionContext context = new SessionContext(request.pageUrl(), request.referrer(), userAgent, request.locale(),
                ClientAddress.of(exchange), request.timeZone());
        return sites.findByKey(request.siteKey())
                .switchIfEmpty(Mono.error(() -> problem(HttpStatus.NOT_FOUND, "site_not_found", "No site has that key")))
                .filter(site -> site.allows(origin))
                .switchIfEmpty(Mono.error(() -> forbiddenOrigin()))
                .flatMap(site -> visitors.session(site, request.token(), context).flatMap(session -> identify(site, session,
                                request.token(), request.identity())
                        .flatMap(visitor -> bans.banned(visitor, context.ipAddress())
                                .flatMap(banned -> banned
                                        ? Mono.error(problem(HttpStatus.FORBIDDEN, "banned", "You cannot chat on this site"))
                                        : conversations.findOpenForVisitor(visitor.id())
                                                .map(OutboundFrames.ConversationView::of)
                                                .map(java.util.Optional::of)
                                                .defaultIfEmpty(java.util.Optional.empty())
                                                .zipWith(queues.availability(site.accountId(), site.id()))
                                                .map(t -> new SessionResponse(session.issuedToken(), view(visitor),
                                                        t.getT1().orElse(null), view(site), new Limits(limits.maxMessageLength()), t.getT2(),
                                                        new Features(transcripts.emailAvailable())))))));
    }

    @GetMapping("/conversations/{id}/messages")
    Mono<MessagesPage> messages(@PathVariable String id, @RequestParam(required = false) Long beforeSeq,
            @RequestParam(defaultValue = "" + Conversations.DEFAULT_HISTORY_PAGE) int limit,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(value = HttpHeaders.ORIGIN, required = false) String origin) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : null;
        return visitors.authenticate(token)
                .switchIfEmpty(Mono.error(() -> problem(HttpStatus.UNAUTHORIZED, "invalid_token", "A valid visitor token is required")))
                .flatMap(visitor -> sites.find(visitor.accountId(), visitor.siteId())
                        .filter(site -> site.allows(origin))
                        .switchIfEmpty(Mono.error(() -> forbiddenOrigin()))
                        .thenReturn(visitor))
                .flatMap(visitor -> conversations.find(id).filter(c -> c.visitorId().equals(visitor.id())))
                .switchIfEmpty(Mono.error(() -> problem(HttpStatus.NOT_FOUND, "conversation_not_found", "No such conversation")))
                .flatMap(conversation -> conversations.history(conversation.id(), beforeSeq, limit, Audience.VISITOR))
                .map(page -> new MessagesPage(page.messages().stream().map(OutboundFrames.MessageView::of).toList(), page.hasMore()));
    }

    /** The session's visitor after the site's identification, if it sent one. */
    private Mono<Visitor> identify(Site site, VisitorSession session, String presentedToken, IdentityRequest identity) {
        if (identity == null) {
            return Mono.just(session.visitor());
        }
        String token = session.issuedToken() != null ? session.issuedToken() : presentedToken;
        return visitors.identify(site, session.visitor(), token, new Identity(identity.id(), identity.name(), identity.email(), identity.hash()))
                .flatMap(identified -> (identified.mergedFrom() == null ? Mono.<Void>empty()
                        : conversations.moveVisitor(identified.mergedFrom(), identified.visitor().id()))
                        .thenReturn(identified.visitor()))
                .onErrorMap(IdentityRejectedException.class, e -> problem(
                        "identity_invalid".equals(e.code()) ? HttpStatus.BAD_REQUEST : HttpStatus.FORBIDDEN, e.code(), e.getMessage()));
    }

    private static VisitorView view(Visitor v) {
        return new VisitorView(v.id(), v.name(), v.email(), v.verified());
    }

    private static SiteView view(Site s) {
        return new SiteView(s.name(), s.appearance(), s.greeting(), s.prechatFields(), s.identityRequired());
    }

    private static ErrorResponseException forbiddenOrigin() {
        return problem(HttpStatus.FORBIDDEN, "origin_not_allowed", "This page's origin may not use the chat for that site");
    }

    static ErrorResponseException problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return new ErrorResponseException(status, problem, null);
    }
}
