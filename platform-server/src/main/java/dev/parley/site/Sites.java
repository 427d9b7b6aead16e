package dev.parley.site;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.parley.shared.Ids;
import dev.parley.shared.Secrets;
import dev.parley.site.internal.SiteRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Accounts and sites.
 *
 * <p>Lookups complete empty when nothing matches, including when the id exists in another
 * account, so callers answer "not found" the same way for both.
 */
@Service
public class Sites {

    /** 24 random bytes: a 32-character public key, unguessable enough that keys cannot be enumerated. */
    private static final int SITE_KEY_BYTES = 24;

    /** 256-bit HMAC key, the size of the SHA-256 block's security level. */
    private static final int IDENTITY_SECRET_BYTES = 32;

    private final SiteRepository repository;
    private final Clock clock;

    Sites(SiteRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public Mono<Account> createAccount(String name) {
        Account account = new Account(Ids.next(clock), name, null, clock.instant());
        return repository.insertAccount(account).thenReturn(account);
    }

    public Mono<Account> findAccount(String accountId) {
        return repository.findAccount(accountId);
    }

    public Mono<Site> create(String accountId, SiteDraft draft) {
        Site site = new Site(Ids.next(clock), accountId, Secrets.random(SITE_KEY_BYTES), draft.name(),
                draft.allowedOrigins(), draft.appearance(), draft.greeting(), draft.prechatFields(),
                draft.identityRequired(), clock.instant());
        return repository.insertSite(site, Secrets.random(IDENTITY_SECRET_BYTES)).thenReturn(site);
    }

    /** The site with this public key, or empty. */
    public Mono<Site> findByKey(String siteKey) {
        if (siteKey == null || siteKey.isEmpty() || siteKey.length() > 64) {
            return Mono.empty();
        }
        return repository.findByKey(siteKey);
    }

    /** The site, or empty when it does not exist or belongs to another account. */
    public Mono<Site> find(String accountId, String siteId) {
        return repository.find(accountId, siteId);
    }

    /** A page of the account's sites, oldest first, after {@code afterId} (a site id) when given. */
    public reactor.core.publisher.Flux<Site> list(String accountId, String afterId, int limit) {
        return repository.list(accountId, afterId, limit);
    }

    /**
     * Applies an admin's changes; completes with the site as changed, or empty when it is not the
     * account's. Callers validate the values (origins normalised, sizes within the columns).
     */
    public Mono<Site> update(String accountId, String siteId, SiteChanges changes) {
        return find(accountId, siteId).flatMap(site -> repository.update(accountId, siteId, changes, clock.instant())
                .then(find(accountId, siteId)));
    }

    /**
     * Replaces the site's identity-verification secret with a new random one, which it completes
     * with: hashes made with the old one are refused from now on. Empty when not the account's site.
     */
    public Mono<String> rotateIdentitySecret(String accountId, String siteId) {
        String secret = Secrets.random(IDENTITY_SECRET_BYTES);
        return find(accountId, siteId).flatMap(site -> repository.replaceIdentitySecret(accountId, siteId, secret, clock.instant()))
                .then(find(accountId, siteId)).map(site -> secret);
    }

    /** The site's identity secret, for its admins to put on their own server; empty when not the account's site. */
    public Mono<String> identitySecret(String accountId, String siteId) {
        return find(accountId, siteId).flatMap(site -> repository.identitySecret(site.id()));
    }

    /** Keeps closed conversations for {@code days} (1 or more), or forever when null. */
    public Mono<Account> setRetention(String accountId, Integer days) {
        if (days != null && days < 1) {
            return Mono.error(new IllegalArgumentException("Retention is at least one day"));
        }
        return repository.setRetention(accountId, days).then(findAccount(accountId));
    }

    /** Accounts that keep closed conversations for a limited time. */
    public reactor.core.publisher.Flux<Account> withRetention() {
        return repository.withRetention();
    }

    /**
     * Whether {@code hash} is the lower-case hex HMAC-SHA256 of {@code externalId} under the site's
     * identity secret. Compared in constant time, so timing reveals nothing of the expected value.
     */
    public Mono<Boolean> verifyIdentity(Site site, String externalId, String hash) {
        if (externalId == null || hash == null) {
            return Mono.just(false);
        }
        return repository.identitySecret(site.id())
                .map(secret -> MessageDigest.isEqual(
                        hmac(secret, externalId).getBytes(StandardCharsets.US_ASCII),
                        hash.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII)))
                .defaultIfEmpty(false);
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
