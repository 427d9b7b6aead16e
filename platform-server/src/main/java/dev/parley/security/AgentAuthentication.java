package dev.parley.security;

import java.text.ParseException;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.agent.Agent;
import dev.parley.agent.Agents;
import dev.parley.agent.Role;
import dev.parley.security.internal.AccessTokens;
import dev.parley.security.internal.AgentAuthenticationManager;
import dev.parley.security.internal.OidcTokens;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The one place a bearer token becomes an agent, for every way in: the HTTP security chain uses it,
 * and so does the RSocket gateway.
 *
 * <p>Accepted are Parley's own access tokens and, when configured, access tokens of the OpenID
 * Connect provider; a token naming any other issuer is refused before any key is fetched. Each
 * call checks the signature, expiry and session, and reads the agent afresh, so a deactivated
 * agent or a changed role takes effect with the next request rather than the next token.
 */
@Service
public class AgentAuthentication {

    /** Far above any real token (Parley's are about 450 characters); refusing longer ones bounds parsing work. */
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final ReactiveAuthenticationManager manager = new AgentAuthenticationManager(this::authenticate);
    private final AccessTokens local;
    private final OidcTokens oidc;
    private final AgentSessions sessions;
    private final Agents agents;

    AgentAuthentication(AccessTokens local, OidcTokens oidc, AgentSessions sessions, Agents agents) {
        this.local = local;
        this.oidc = oidc;
        this.sessions = sessions;
        this.agents = agents;
    }

    /**
     * The agent {@code bearerToken} (the token itself, without {@code Bearer }) stands for. Completes
     * empty for any token that is not accepted: malformed, forged, expired, of an unknown issuer, of
     * an ended session, or of an agent who is unknown or deactivated. Fails only when the check
     * itself could not be made, such as with the database or the provider unreachable. Never blocks.
     */
    public Mono<AgentPrincipal> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > MAX_TOKEN_LENGTH) {
            return Mono.empty();
        }
        String issuer = unverifiedIssuer(bearerToken);
        if (AccessTokens.ISSUER.equals(issuer)) {
            return local.verify(bearerToken)
                    .onErrorResume(JwtException.class, invalid -> Mono.empty())
                    .flatMap(this::local);
        }
        if (oidc.issues(issuer)) {
            return oidc.verify(bearerToken)
                    .onErrorResume(BadJwtException.class, invalid -> Mono.empty())
                    .flatMap(jwt -> fromProvider(jwt, OidcTokens.sessionId(bearerToken)));
        }
        return Mono.empty();
    }

    /**
     * The same check as a Spring Security manager, for RSocket security
     * ({@code RSocketSecurity.jwt(jwt -> jwt.authenticationManager(…))}) and the HTTP chain: takes a
     * {@code BearerTokenAuthenticationToken}; gives an authenticated token whose principal is the
     * {@link AgentPrincipal}, with the authority {@code ROLE_<role>}; fails with
     * {@code InvalidBearerTokenException} for a refused token and {@code AuthenticationServiceException}
     * when the check could not be made.
     */
    public ReactiveAuthenticationManager authenticationManager() {
        return manager;
    }

    private Mono<AgentPrincipal> local(Jwt jwt) {
        String sessionId = jwt.getClaimAsString("sid");
        String accountId = jwt.getClaimAsString("acct");
        if (sessionId == null || accountId == null || jwt.getSubject() == null || jwt.getExpiresAt() == null) {
            return Mono.empty();
        }
        return sessions.isRevoked(sessionId)
                .filter(revoked -> !revoked)
                .flatMap(live -> agents.find(accountId, jwt.getSubject()))
                .filter(Agent::active)
                .map(agent -> principal(agent, agent.role(), sessionId, jwt));
    }

    private Mono<AgentPrincipal> fromProvider(Jwt jwt, String sessionId) {
        String email = oidc.email(jwt);
        if (email == null || jwt.getExpiresAt() == null) {
            return Mono.empty();
        }
        Role granted = oidc.role(jwt);
        return agents.findByEmail(email)
                .filter(Agent::active)
                .flatMap(agent -> sessions.isRevoked(sessionId)
                        .filter(revoked -> !revoked)
                        .map(live -> principal(agent, granted != null ? granted : agent.role(), sessionId, jwt)));
    }

    private static AgentPrincipal principal(Agent agent, Role role, String sessionId, Jwt jwt) {
        return new AgentPrincipal(agent.id(), agent.accountId(), role, agent.email(), agent.displayName(), sessionId, jwt.getExpiresAt());
    }

    /**
     * The {@code iss} of a signed JWT, read before verifying it. It only picks which verifier runs,
     * and each verifier checks the issuer again, so a forged value gains nothing.
     */
    private static String unverifiedIssuer(String token) {
        try {
            if (!(JWTParser.parse(token) instanceof SignedJWT signed)) {
                return null;
            }
            JWTClaimsSet claims = signed.getJWTClaimsSet();
            return claims == null ? null : claims.getIssuer();
        }
        catch (ParseException | RuntimeException malformed) {
            return null;
        }
    }
}
