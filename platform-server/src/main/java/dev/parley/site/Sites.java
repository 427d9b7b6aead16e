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
