package dev.parley.visitor;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.shared.Ids;
import dev.parley.shared.Secrets;
import dev.parley.site.Site;
import dev.parley.site.Sites;
import dev.parley.visitor.internal.PageViewRepository;
import dev.parley.visitor.internal.VisitorRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Visitors and their tokens. A token is 256 random bits; only its SHA-256 is stored, so a leaked
 * database does not leak sessions, and lookups complete empty for unknown tokens and for tokens of
 * another site alike.
 */
@Service
public class Visitors {

    /** 32 bytes: 256 bits, beyond any guessing. */
    static final int TOKEN_BYTES = 32;

    private final VisitorRepository repository;
    private final PageViewRepository pageViews;
    private final Sites sites;
    private final ClusterBus bus;
    private final Clock clock;

    Visitors(VisitorRepository repository, PageViewRepository pageViews, Sites sites, ClusterBus bus, Clock clock) {
        this.repository = repository;
        this.pageViews = pageViews;
        this.sites = sites;
        this.bus = bus;
        this.clock = clock;
    }

    /**
     * The visitor whose token the browser presented, when it is valid for this site; otherwise a
     * new visitor with a newly issued token.
     */
    public Mono<VisitorSession> session(Site site, String presentedToken, SessionContext context) {
        SessionContext clean = clean(context);
        Mono<VisitorSession> returning = presentedToken == null || presentedToken.isEmpty() || presentedToken.length() > 128
                ? Mono.empty()
                : repository.findByToken(site.id(), Secrets.sha256(presentedToken))
                        .flatMap(visitor -> repository.touch(visitor.id(), Secrets.sha256(presentedToken), clean, clock.instant())
                                .then(repository.find(visitor.accountId(), visitor.id())))
                        .map(visitor -> new VisitorSession(visitor, null));
        return returning.switchIfEmpty(Mono.defer(() -> {
            Instant now = clock.instant();
            String token = Secrets.random(TOKEN_BYTES);
            Visitor visitor = new Visitor(Ids.next(clock), site.accountId(), site.id(), null, null, null, false, null,
                    clean.userAgent(), clean.locale(), clean.timeZone(), clean.ipAddress(), clean.pageUrl(), clean.referrer(), now, now);
            return repository.insert(visitor, Secrets.sha256(token)).thenReturn(new VisitorSession(visitor, token));
        }));
    }

    /** The visitor of {@code site} holding {@code token}, or empty. */
    public Mono<Visitor> authenticate(Site site, String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Mono.empty();
        }
        return repository.findByToken(site.id(), Secrets.sha256(token));
    }

    /** The visitor holding {@code token} on any site, or empty. */
    public Mono<Visitor> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Mono.empty();
        }
        return repository.findByToken(Secrets.sha256(token));
    }

    /**
     * The visitor's recent page views, newest first, at most {@code limit}; empty for a visitor of
     * another account.
     */
    public Flux<PageView> pageViews(String accountId, String visitorId, int limit) {
        return Ids.isWellFormed(visitorId) ? pageViews.pageViews(accountId, visitorId, limit) : Flux.empty();
    }

    /**
     * Name, email and verification of the account's visitors among {@code visitorIds} (at most 200
     * are looked at). With {@code visibleTo}, only visitors with a conversation that agent may see:
     * one assigned to them, or one waiting in the queue or kept for follow-up.
     */
    public Flux<Visitor> some(String accountId, java.util.Collection<String> visitorIds, String visibleTo) {
        java.util.List<String> ids = visitorIds.stream().filter(Ids::isWellFormed).distinct().limit(200).toList();
        return ids.isEmpty() ? Flux.empty() : repository.some(accountId, ids, visibleTo);
    }

    public Mono<Visitor> find(String accountId, String visitorId) {
        return Ids.isWellFormed(visitorId) ? repository.find(accountId, visitorId) : Mono.empty();
    }

    /**
     * Applies what the site says about the visitor holding {@code token}. With a hash, it must be
     * the HMAC of the external id under the site's secret (checked in constant time), and the
     * browser then becomes the site's verified visitor with that id, so their history follows them
     * across devices. Without one, the details are recorded unverified and never merge visitors;
     * a site that requires verification refuses it. Fails with {@link IdentityRejectedException}.
     */
    public Mono<Identified> identify(Site site, Visitor current, String token, Identity identity) {
        if (identity == null || identity.externalId() == null || identity.externalId().isBlank() || identity.externalId().length() > 200
                || tooLong(identity.name(), 200) || tooLong(identity.email(), 320)) {
            return Mono.error(new IdentityRejectedException("identity_invalid", "id is required; id and name at most 200 characters, email 320"));
        }
        if (identity.hash() == null) {
            if (site.identityRequired()) {
                return Mono.error(new IdentityRejectedException("identity_required", "This site requires a verified identity"));
            }
            // An unverified claim must never reach someone else's history.
            return repository.identify(current.id(), identity.externalId(), identity.name(), identity.email(), false)
                    .then(repository.find(current.accountId(), current.id()))
                    .map(visitor -> new Identified(visitor, null));
        }
        return sites.verifyIdentity(site, identity.externalId(), identity.hash()).flatMap(valid -> {
            if (!valid) {
                return Mono.error(new IdentityRejectedException("identity_rejected", "The identity hash does not match"));
            }
            return repository.findVerified(site.id(), identity.externalId())
                    .filter(existing -> !existing.id().equals(current.id()))
                    .flatMap(existing -> repository.moveToken(Secrets.sha256(token), existing.id())
                            .then(repository.identify(existing.id(), identity.externalId(), identity.name(), identity.email(), true))
                            .then(repository.find(existing.accountId(), existing.id()))
                            .map(visitor -> new Identified(visitor, current.id())))
                    .switchIfEmpty(Mono.defer(() -> repository
                            .identify(current.id(), identity.externalId(), identity.name(), identity.email(), true)
                            .then(repository.find(current.accountId(), current.id()))
                            .map(visitor -> new Identified(visitor, null))));
        });
    }

    /**
     * Records the name and email the visitor gave in a form, and completes with the updated
     * visitor. Blank values change nothing; see {@code VisitorRepository#contact} for verified
     * visitors. Fails with IllegalArgumentException when a value is too long or the email is not one.
     */
    public Mono<Visitor> contact(Visitor visitor, String name, String email) {
        String cleanName = name == null || name.isBlank() ? null : name.strip();
        String cleanEmail = email == null || email.isBlank() ? null : email.strip();
        if (tooLong(cleanName, 200) || tooLong(cleanEmail, 320) || (cleanEmail != null && !cleanEmail.matches("[^@\\s]+@[^@\\s]+"))) {
            return Mono.error(new IllegalArgumentException("name is at most 200 characters; email must be an address of at most 320"));
        }
        if (cleanName == null && cleanEmail == null) {
            return Mono.just(visitor);
        }
        return repository.contact(visitor.id(), cleanName, cleanEmail).then(repository.find(visitor.accountId(), visitor.id()));
    }

    /** Records a page view; anything but an http(s) URL of at most 2,000 characters is refused as invalid. */
    public Mono<Void> pageView(Visitor visitor, String url, String title, String referrer) {
        if (!httpUrl(url)) {
            return Mono.error(new IllegalArgumentException("url must be an http(s) URL of at most 2000 characters"));
        }
        Instant now = clock.instant();
        String safeReferrer = httpUrl(referrer) ? referrer : null;
        return pageViews.pageView(Ids.next(clock), visitor.id(), url, cut(title, 500), safeReferrer, now)
                .then(bus.publish(new VisitorNavigated(visitor.accountId(), visitor.id(), url, cut(title, 500), now)));
    }

    static boolean httpUrl(String url) {
        if (url == null || url.isEmpty() || url.length() > 2000) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static SessionContext clean(SessionContext c) {
        return new SessionContext(httpUrl(c.pageUrl()) ? c.pageUrl() : null, httpUrl(c.referrer()) ? c.referrer() : null,
                cut(c.userAgent(), 500), cut(c.locale(), 35), cut(c.ipAddress(), 45), zone(c.timeZone()));
    }

    /** A time zone Java knows, in its canonical spelling; anything else is dropped rather than stored. */
    static String zone(String timeZone) {
        if (timeZone == null || timeZone.isEmpty() || timeZone.length() > 64) {
            return null;
        }
        try {
            return java.time.ZoneId.of(timeZone).getId();
        }
        catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }

    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
