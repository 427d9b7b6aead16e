package dev.parley.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.agent.Agent;
import dev.parley.security.SecurityProperties;
import dev.parley.shared.Ids;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Parley's own access tokens: JWTs signed with the installation's key ({@link SigningKeys}).
 *
 * <p>Claims: {@code iss} = {@value #ISSUER}, {@code sub} = agent id, {@code acct} = account id,
 * {@code role}, {@code sid} = session id, {@code iat}, {@code exp}, {@code jti}. The issuer is a
 * fixed name rather than the public URL: only this installation's nodes ever verify these tokens,
 * the shared key is what ties a token to the installation, and a URL would change with a proxy or
 * differ between nodes. The {@code role} claim is informational for clients; requests use the
 * agent's current role, read when the token is presented.
 */
@Component
public class AccessTokens {

    /** The {@code iss} of every token Parley signs; never the issuer of an OIDC provider. */
    public static final String ISSUER = "parley";

    /**
     * Nodes of one installation keep NTP time, so they need far less slack than Spring's 60-second
     * default for foreign issuers; a connection's expiry is then honoured within seconds.
     */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final SigningKeys keys;
    private final Duration lifetime;
    private final Clock clock;
    private final NimbusReactiveJwtDecoder decoder;

    AccessTokens(SigningKeys keys, SecurityProperties properties, Clock clock) {
        this.keys = keys;
        this.lifetime = properties.accessTokenLifetime();
        this.clock = clock;
        this.decoder = NimbusReactiveJwtDecoder.withJwkSource(jwt -> keys.verificationKeys())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(timestamps, new JwtIssuerValidator(ISSUER),
                JwtTypeValidator.jwt())));
    }

    /** A signed token for {@code agent} in session {@code sessionId}, valid for the configured lifetime. */
    public Mono<String> mint(Agent agent, String sessionId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(agent.id())
                .claim("acct", agent.accountId())
                .claim("role", agent.role().name())
                .claim("sid", sessionId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(Ids.next(clock))
                .build();
        return keys.signingKey().map(key -> sign(key, claims));
    }

    /** Seconds a new token is valid for: the {@code expires_in} of a token response. */
    public long lifetimeSeconds() {
        return lifetime.toSeconds();
    }

    /**
     * The verified claims of one of Parley's tokens: signature, issuer, type and expiry checked.
     * Fails with a {@code JwtException} for anything else.
     */
    public Mono<Jwt> verify(String token) {
        return decoder.decode(token);
    }

    private static String sign(ECKey key, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key));
        }
        catch (JOSEException e) {
            throw new IllegalStateException("Signing an access token failed", e);
        }
        return jwt.serialize();
    }
}
