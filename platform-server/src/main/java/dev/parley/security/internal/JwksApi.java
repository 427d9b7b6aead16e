package dev.parley.security.internal;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The public keys Parley's access tokens are signed with, as a JWK Set (RFC 7517); public. */
@RestController
class JwksApi {

    static final String PATH = "/.well-known/jwks.json";

    /** Verifiers may cache the set for a while; the key never changes while the installation runs. */
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final SigningKeys keys;

    JwksApi(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(PATH)
    Mono<ResponseEntity<Map<String, Object>>> jwks() {
        return keys.jwkSet().map(set -> ResponseEntity.ok().cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic()).body(set));
    }
}
