package dev.parley.security;

import java.time.Instant;

import dev.parley.agent.Role;

/**
 * An authenticated agent, as every gateway sees them: what {@link AgentAuthentication} resolves a
 * bearer token to, and the principal of an authenticated HTTP request. Holds no secret.
 *
 * @param role the role in force: the agent's stored role, or the one an OIDC token's roles claim grants
 * @param sessionId the sign-in the token belongs to; {@link AgentSessions#isRevoked} tells whether
 *     it was ended since
 * @param expiresAt when the token stops being accepted; a long-lived connection must end or
 *     re-authenticate by then
 */
public record AgentPrincipal(
        String agentId,
        String accountId,
        Role role,
        String email,
        String displayName,
        String sessionId,
        Instant expiresAt) {
}
