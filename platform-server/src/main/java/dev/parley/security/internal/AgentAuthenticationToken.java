package dev.parley.security.internal;

import java.util.List;

import dev.parley.security.AgentPrincipal;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated HTTP request's authentication: the {@link AgentPrincipal} with the authority
 * {@code ROLE_<role>}. It keeps no credentials: the token is dropped once checked.
 */
final class AgentAuthenticationToken extends AbstractAuthenticationToken {

    private final AgentPrincipal principal;

    AgentAuthenticationToken(AgentPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + principal.role().name())));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public AgentPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return principal.agentId();
    }
}
