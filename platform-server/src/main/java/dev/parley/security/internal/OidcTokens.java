package dev.parley.security.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.parley.agent.Role;
import dev.parley.security.SecurityProperties;
import dev.parley.shared.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Access tokens of the configured OpenID Connect provider, if any. Nimbus checks them against the
 * keys the provider publishes (found through its discovery document on first use, then cached);
 * nothing here parses a signature by hand.
 */
@Component
public class OidcTokens {

    /** The issue's name for the setting; Spring maps {@code PARLEY_OIDC_ISSUER_URI} to it. */
    static final String ISSUER_ALIAS = "parley.oidc-issuer-uri";

    /** Prefix of the session id given to a provider's token, so it can never collide with a local session's. */
    public static final String SESSION_PREFIX = "oidc:";

    /** Highest first: when the roles claim lists several, the first of these it lists wins. */
    private static final List<Role> BY_RANK = List.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT);

    private static final Logger log = LoggerFactory.getLogger(OidcTokens.class);

    private final String issuer;

    /** The provider's issuer, or null when none is configured. */
    String issuer() {
        return issuer;
    }
    private final NimbusReactiveJwtDecoder decoder;
    private final String emailClaim;
    private final String rolesClaim;

    OidcTokens(SecurityProperties properties, Environment environment, Clock clock) {
        String configured = blankToNull(properties.oidcIssuerUri());
        this.issuer = configured != null ? configured : blankToNull(environment.getProperty(ISSUER_ALIAS));
        this.emailClaim = properties.oidcEmailClaim();
        this.rolesClaim = properties.oidcRolesClaim();
        if (issuer == null) {
            this.decoder = null;
            return;
        }
        // Lazy: the provider is contacted on the first token, so an unreachable provider never stops a start.
        this.decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(timestamps, new JwtIssuerValidator(issuer)));
        String audience = blankToNull(properties.oidcAudience());
        if (audience != null) {
            validators.add(new JwtClaimValidator<Collection<String>>("aud", aud -> aud != null && aud.contains(audience)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        log.info("Agents may also sign in with access tokens of the OpenID Connect provider {}", issuer);
    }

    /** Whether {@code tokenIssuer} is the configured provider. */
    public boolean issues(String tokenIssuer) {
        return issuer != null && issuer.equals(tokenIssuer);
    }

    /** The verified claims; fails with {@code BadJwtException} for an invalid token, another {@code JwtException} when the provider is unreachable. */
    public Mono<Jwt> verify(String token) {
        return decoder == null ? Mono.error(new BadJwtException("No OpenID Connect provider is configured")) : decoder.decode(token);
    }

    /** The agent's email, or null when the claim is missing or the provider says it is unverified. */
    public String email(Jwt jwt) {
        Object email = claim(jwt.getClaims(), emailClaim);
        if (!(email instanceof String) || Boolean.FALSE.equals(jwt.getClaimAsBoolean("email_verified"))) {
            return null;
        }
        return (String) email;
    }

    /** The highest role the roles claim grants, or null when it grants none. */
    public Role role(Jwt jwt) {
        Object value = claim(jwt.getClaims(), rolesClaim);
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?> values) {
            values.forEach(v -> names.add(String.valueOf(v).trim().toUpperCase(Locale.ROOT)));
        }
        else if (value instanceof String text) {
            for (String name : text.split("[\\s,]+")) {
                names.add(name.toUpperCase(Locale.ROOT));
            }
        }
        for (Role role : BY_RANK) {
            if (names.contains(role.name())) {
                return role;
            }
        }
        return null;
    }

    /** The session id of a provider's token: each token is its own session here, ended by signing out with it. */
    public static String sessionId(String token) {
        return SESSION_PREFIX + Secrets.sha256(token);
    }

    /** A claim by its exact name, or else (for names with dots, such as {@code realm_access.roles}) by path. */
    private static Object claim(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value != null || name.indexOf('.') < 0) {
            return value;
        }
        Object node = claims;
        for (String part : name.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
