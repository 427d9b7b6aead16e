package dev.parley.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agents' sign-in and tokens ({@code parley.security.*}); each default says why it is what it is.
 *
 * @param accessTokenLifetime how long an access token is accepted; a revoked session's tokens are
 *     refused sooner (see {@code revocationCacheTtl}), so this mostly bounds the damage of a leaked token
 * @param refreshTokenLifetime how long a session may go unused before its agent signs in again;
 *     every refresh starts it anew
 * @param loginMaxFailuresPerEmail failed sign-ins per email within {@code loginFailureWindow}
 *     before further tries for it are answered 429
 * @param loginMaxFailuresPerAddress failed sign-ins per client address within the window before
 *     further tries from it are answered 429
 * @param loginFailureWindow how far back failures count
 * @param revocationCacheTtl how long a node trusts its last answer that a session is not revoked;
 *     the longest a revocation made on another node goes unnoticed here. At most 5 seconds.
 * @param oidcIssuerUri issuer of an OpenID Connect provider whose access tokens are accepted too,
 *     such as {@code https://login.example.com/realms/support}; empty accepts Parley's own tokens
 *     only. {@code PARLEY_SECURITY_OIDC_ISSUER_URI}, or {@code PARLEY_OIDC_ISSUER_URI} when that is unset.
 * @param oidcAudience when set, the provider's tokens must list it in {@code aud}; set it whenever
 *     the provider issues tokens for other applications too, or their tokens would be accepted here
 * @param oidcEmailClaim the claim holding the agent's email; it must match an active agent's email
 * @param oidcRolesClaim the claim listing roles (ADMIN, SUPERVISOR, AGENT in any case, highest
 *     wins) that override the agent's stored role; a nested claim may be named with dots, such as
 *     {@code realm_access.roles}
 * @param oidcClientId the console's client id at the provider (a public client: no secret, with
 *     PKCE). With it and the issuer set, the console's sign-in page offers the provider; without it
 *     the provider's tokens are still accepted, from clients that obtain them elsewhere
 * @param oidcScopes the scopes the console asks for, space-separated; they must get the provider to
 *     put the email claim (and the roles claim, if used) into its access tokens
 */
@ConfigurationProperties("parley.security")
public record SecurityProperties(
        @DefaultValue(DEFAULT_ACCESS_TOKEN_LIFETIME) Duration accessTokenLifetime,
        @DefaultValue(DEFAULT_REFRESH_TOKEN_LIFETIME) Duration refreshTokenLifetime,
        @DefaultValue("" + DEFAULT_LOGIN_MAX_FAILURES_PER_EMAIL) int loginMaxFailuresPerEmail,
        @DefaultValue("" + DEFAULT_LOGIN_MAX_FAILURES_PER_ADDRESS) int loginMaxFailuresPerAddress,
        @DefaultValue(DEFAULT_LOGIN_FAILURE_WINDOW) Duration loginFailureWindow,
        @DefaultValue(DEFAULT_REVOCATION_CACHE_TTL) Duration revocationCacheTtl,
        String oidcIssuerUri,
        String oidcAudience,
        @DefaultValue(DEFAULT_OIDC_EMAIL_CLAIM) String oidcEmailClaim,
        @DefaultValue(DEFAULT_OIDC_ROLES_CLAIM) String oidcRolesClaim,
        String oidcClientId,
        @DefaultValue(DEFAULT_OIDC_SCOPES) String oidcScopes) {

    /** Short enough that a stolen token is soon useless, long enough that the console refreshes rarely. */
    static final String DEFAULT_ACCESS_TOKEN_LIFETIME = "15m";

    /** Agents work shifts across weeks: a month keeps a regularly used console signed in. */
    static final String DEFAULT_REFRESH_TOKEN_LIFETIME = "30d";

    /** Chatwoot's login throttle (5 per 5 minutes): plenty for typos, nothing for guessing. */
    static final int DEFAULT_LOGIN_MAX_FAILURES_PER_EMAIL = 5;

    /** The same as per email; raise it when many agents sign in through one office NAT. */
    static final int DEFAULT_LOGIN_MAX_FAILURES_PER_ADDRESS = 5;

    /** Chatwoot's window: a locked-out agent waits minutes, a guesser gets about 1,400 tries a day. */
    static final String DEFAULT_LOGIN_FAILURE_WINDOW = "5m";

    /** One database look-up per active session per node every 2 seconds, well inside the 5-second bound. */
    static final String DEFAULT_REVOCATION_CACHE_TTL = "2s";

    /** The standard OpenID Connect claim. */
    static final String DEFAULT_OIDC_EMAIL_CLAIM = "email";

    /** What most providers (Azure AD/Entra, Auth0 rules, Keycloak mappers) can be set to emit. */
    static final String DEFAULT_OIDC_ROLES_CLAIM = "roles";

    /**
     * OpenID Connect's own scope plus the standard ones carrying the email and name; offline_access is
     * left out, as not every provider grants it to public clients: the console signs in again instead.
     */
    static final String DEFAULT_OIDC_SCOPES = "openid email profile";

    /** The bound {@link AgentSessions#isRevoked} promises to the gateways. */
    static final Duration MAX_REVOCATION_CACHE_TTL = Duration.ofSeconds(5);

    public SecurityProperties {
        if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero() || refreshTokenLifetime.compareTo(accessTokenLifetime) < 0) {
            throw new IllegalArgumentException("parley.security.access-token-lifetime must be positive and at most the refresh-token-lifetime");
        }
        if (loginMaxFailuresPerEmail < 1 || loginMaxFailuresPerAddress < 1 || loginFailureWindow.isNegative() || loginFailureWindow.isZero()) {
            throw new IllegalArgumentException("parley.security.login-* limits must be positive");
        }
        if (revocationCacheTtl.isNegative() || revocationCacheTtl.compareTo(MAX_REVOCATION_CACHE_TTL) > 0) {
            throw new IllegalArgumentException("parley.security.revocation-cache-ttl must be 0 to 5 seconds");
        }
    }
}
