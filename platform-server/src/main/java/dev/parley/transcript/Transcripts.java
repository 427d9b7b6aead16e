package dev.parley.transcript;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.parley.conversation.Audience;
import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.ExportFilter;
import dev.parley.mail.MailException;
import dev.parley.mail.Mailer;
import dev.parley.mail.OutgoingMail;
import dev.parley.shared.Ids;
import dev.parley.site.Site;
import dev.parley.site.Sites;
import dev.parley.transcript.internal.Renderings;
import dev.parley.transcript.internal.EmailQuota;
import dev.parley.visitor.Visitor;
import dev.parley.visitor.Visitors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transcripts of conversations and exports of many. Rendering streams: the returned pieces are
 * produced as the subscriber asks for them, each database page read only when the previous one has
 * been consumed. Callers authorize first. Mail goes through {@link Mailer}, off the event loop.
 */
@Service
public class Transcripts {

    private final Conversations conversations;
    private final Sites sites;
    private final Visitors visitors;
    private final Mailer mailer;
    private final EmailQuota quota;
    private final TranscriptProperties properties;
    private final Renderings renderings;
    private final Clock clock;

    Transcripts(Conversations conversations, Sites sites, Visitors visitors, Mailer mailer, EmailQuota quota,
            TranscriptProperties properties, JsonMapper json, Clock clock) {
        this.conversations = conversations;
        this.sites = sites;
        this.visitors = visitors;
        this.mailer = mailer;
        this.quota = quota;
        this.properties = properties;
        this.renderings = new Renderings(json);
        this.clock = clock;
    }

    /** Who asked for a transcript mail: the limits are per requester. */
    public record Requester(AuthorKind kind, String id) {
    }

    /** The conversation as {@code audience} may see it (agents see notes), in {@code format}, times in {@code zone}. */
    public Flux<String> render(Conversation conversation, Audience audience, TranscriptFormat format, ZoneId zone) {
        return header(conversation).flatMapMany(header -> renderings.transcript(format, header,
                conversations.transcript(conversation.id(), audience, properties.pageSize()), zone));
    }

    /** Every message of the conversations the filter selects, as NDJSON or CSV lines. */
    public Flux<String> export(ExportFilter filter, TranscriptFormat format) {
        return renderings.export(format, conversations.export(filter, properties.exportPageSize()));
    }

    /** Whether transcripts can be mailed here (an SMTP server is configured). */
    public boolean emailAvailable() {
        return mailer.enabled();
    }

    /** The address a transcript goes to when none is given: the visitor's, or their pre-chat answer. */
    public Mono<String> visitorEmail(Conversation conversation) {
        return visitors.find(conversation.accountId(), conversation.visitorId()).mapNotNull(Visitor::email)
                .switchIfEmpty(Mono.justOrEmpty(conversation.prechat().get("email")));
    }

    /**
     * Mails the visitor's view of the conversation (no internal notes) to {@code to}, counting
     * against the requester's hourly limit, which concurrent requests cannot exceed either (see
     * {@link EmailQuota}). Completes once the mail server accepted it; fails with
     * {@link TranscriptException}.
     */
    public Mono<Void> email(Conversation conversation, Requester requester, String to) {
        if (!mailer.enabled()) {
            return Mono.error(new TranscriptException("mail_unavailable", "Email is not set up on this installation"));
        }
        if (!Mailer.validAddress(to)) {
            return Mono.error(new TranscriptException("invalid_email", "That is not an email address"));
        }
        int limit = requester.kind() == AuthorKind.VISITOR ? properties.visitorEmailsPerHour() : properties.agentEmailsPerHour();
        Instant now = clock.instant();
        return quota.take(new EmailQuota.Mail(Ids.next(clock), conversation.accountId(), conversation.id(), requester.kind().name(),
                        requester.id(), now), limit)
                .flatMap(taken -> taken ? Mono.<Void>empty()
                        : Mono.error(new TranscriptException("rate_limited", "At most " + limit + " transcripts an hour; try again later")))
                .then(Mono.zip(header(conversation), rendered(conversation, TranscriptFormat.TXT), rendered(conversation, TranscriptFormat.HTML)))
                .flatMap(parts -> mailer.send(new OutgoingMail(to.trim(),
                        "Your conversation" + (parts.getT1().siteName() == null ? "" : " with " + parts.getT1().siteName()),
                        parts.getT2(), parts.getT3())))
                .onErrorMap(MailException.class, e -> new TranscriptException(e.code(), e.getMessage()));
    }

    /** A mail body: the whole transcript as one string (a mail is sent whole anyway). */
    private Mono<String> rendered(Conversation conversation, TranscriptFormat format) {
        return render(conversation, Audience.VISITOR, format, ZoneOffset.UTC).collect(StringBuilder::new, StringBuilder::append)
                .map(StringBuilder::toString);
    }

    private Mono<Renderings.Header> header(Conversation c) {
        Mono<String> siteName = sites.find(c.accountId(), c.siteId()).map(Site::name).defaultIfEmpty("");
        Mono<java.util.Optional<Visitor>> visitor = visitors.find(c.accountId(), c.visitorId()).map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty());
        return Mono.zip(siteName, visitor).map(t -> new Renderings.Header(c.id(), t.getT1().isEmpty() ? null : t.getT1(),
                t.getT2().map(Visitor::name).orElse(c.prechat().get("name")),
                t.getT2().map(Visitor::email).orElse(c.prechat().get("email")),
                c.status().name().toLowerCase(java.util.Locale.ROOT), c.createdAt(), c.closedAt(), c.rating()));
    }
}
