package dev.parley.security.internal;

import java.util.function.Function;

import dev.parley.security.AgentPrincipal;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * The agents' token check in Spring Security's terms, for the HTTP chain and RSocket security:
 * a {@link BearerTokenAuthenticationToken} in, an authenticated token whose principal is the
 * {@link AgentPrincipal} (authority {@code ROLE_<role>}) out.
 */
public final class AgentAuthenticationManager implements ReactiveAuthenticationManager {

    private final Function<String, Mono<AgentPrincipal>> check;

    public AgentAuthenticationManager(Function<String, Mono<AgentPrincipal>> check) {
        this.check = check;
    }

    /**
     * Fails with {@link InvalidBearerTokenException} for any refused token, and with
     * {@link AuthenticationServiceException} when the check itself failed: over HTTP a 500, never a
     * 401 that would make the console sign out because the database hiccuped.
     */
    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken token)) {
            return Mono.empty();
        }
        return check.apply(token.getToken())
                .<Authentication>map(AgentAuthenticationToken::new)
                .switchIfEmpty(Mono.error(() -> new InvalidBearerTokenException("The access token is invalid, expired or revoked")))
                .onErrorMap(error -> !(error instanceof AuthenticationException),
                        error -> new AuthenticationServiceException("The access token could not be checked", error));
    }
}
