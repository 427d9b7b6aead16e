package dev.parley.security.internal;

import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.parley.shared.Ids;
import dev.parley.shared.Times;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The installation's token-signing key: an ES256 (P-256) pair kept in the database, so every node
 * signs and verifies with the same key and tokens survive restarts.
 *
 * <p>ES256 rather than RS256: the same strength with keys and signatures a tenth of the size, and
 * signing is cheap enough to run on the calling thread. The first node to start on an empty
 * database creates the key; a node starting at the same moment loses the insert on the primary key
 * and reads the winner's key, so all nodes agree.
 */
@Component
public class SigningKeys implements ApplicationRunner {

    /** The first (and until rotation exists, only) generation. */
    private static final int FIRST_GENERATION = 1;

    private final DatabaseClient db;
    private final Clock clock;
    private final AtomicReference<ECKey> current = new AtomicReference<>();

    SigningKeys(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates or reads the key during start-up, so no request waits for it and a broken database fails the start. */
    @Override
    public void run(ApplicationArguments args) {
        signingKey().toFuture().join();
    }

    /** The key pair to sign with. Read once per node, then kept: it never changes while a node runs. */
    public Mono<ECKey> signingKey() {
        return Mono.defer(() -> {
            ECKey key = current.get();
            return key != null ? Mono.just(key) : newest().switchIfEmpty(Mono.defer(this::create)).doOnNext(current::set);
        });
    }

    /** The public keys tokens may be verified with. */
    public Flux<JWK> verificationKeys() {
        return signingKey().<JWK>map(ECKey::toPublicJWK).flux();
    }

    /** The public keys as a JWK Set document; private parts are never included. */
    public Mono<Map<String, Object>> jwkSet() {
        return verificationKeys().collectList().map(keys -> new JWKSet(keys).toJSONObject(true));
    }

    private Mono<ECKey> newest() {
        return db.sql("SELECT jwk FROM signing_keys ORDER BY generation DESC LIMIT 1")
                .map(row -> row.get("jwk", String.class))
                .one()
                .map(SigningKeys::parse);
    }

    private Mono<ECKey> create() {
        return Mono.fromCallable(this::generate)
                .flatMap(key -> db.sql("INSERT INTO signing_keys (generation, kid, jwk, created_at) VALUES (:generation, :kid, :jwk, :at)")
                        .bind("generation", FIRST_GENERATION)
                        .bind("kid", key.getKeyID())
                        .bind("jwk", key.toJSONString())
                        .bind("at", Times.toDb(clock.instant()))
                        .then()
                        .thenReturn(key))
                // Another node created it first: use theirs.
                .onErrorResume(DataIntegrityViolationException.class, lost -> newest());
    }

    private ECKey generate() throws JOSEException {
        return new ECKeyGenerator(Curve.P_256)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .keyID(Ids.next(clock))
                .generate();
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        }
        catch (ParseException e) {
            // Without the cause: its message might quote the private key.
            throw new IllegalStateException("The stored signing key is not a valid EC JWK");
        }
    }
}
