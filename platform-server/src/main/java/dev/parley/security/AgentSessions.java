package dev.parley.security;

import dev.parley.agent.Role;
import dev.parley.security.internal.OidcTokens;
import dev.parley.security.internal.Revocations;
import dev.parley.security.internal.SessionStore;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Agents' sign-ins: whether one has ended, and ending them. Every ending is published as
 * {@link SessionRevoked} on the account's topic.
 */
@Service
public class AgentSessions {

    private final Revocations revocations;
    private final SessionStore store;

    AgentSessions(Revocations revocations, SessionStore store) {
        this.revocations = revocations;
        this.store = store;
    }

    /**
     * Whether the session has ended (signed out, revoked, or unknown), as far as this node knows.
     * Never blocks; usually answered from memory. Staleness bound: a revocation made on this node
     * is seen at once, one made on another node within {@code parley.security.revocation-cache-ttl}
     * (2 seconds by default, never more than 5).
     */
    public Mono<Boolean> isRevoked(String sessionId) {
        return revocations.isRevoked(sessionId);
    }

    /** Ends the session {@code principal} authenticated with: all its tokens stop working. */
    public Mono<Void> signOut(AgentPrincipal principal) {
        SessionStore.Session session = new SessionStore.Session(principal.sessionId(), principal.accountId(), principal.agentId(), false);
        if (principal.sessionId().startsWith(OidcTokens.SESSION_PREFIX)) {
            return revocations.revokeForeign(session, principal.expiresAt());
        }
        return revocations.revoke(session, null, null).then();
    }

    /**
     * Ends every sign-in of an agent of the account, for {@code reason} (such as
     * {@code agent_deactivated}), each recorded in the audit log with {@code actorId}. Their
     * consoles close within the revocation bound. Completes with how many were ended.
     */
    public Mono<Long> revokeAll(String accountId, String agentId, String actorId, String reason) {
        return store.openSessions(accountId, agentId)
                .concatMap(session -> revocations.revoke(session, actorId, reason))
                .filter(Boolean::booleanValue)
                .count();
    }

    /**
     * Ends another sign-in on behalf of {@code actor}: an admin may end any session of their account,
     * anyone else only their own. Completes with false, and changes nothing, when the session does
     * not exist, had ended already, or is not the actor's to end. An admin ending someone else's
     * session is recorded in the audit log.
     */
    public Mono<Boolean> revoke(AgentPrincipal actor, String sessionId) {
        if (sessionId == null) {
            return Mono.just(false);
        }
        return store.findSession(sessionId)
                .filter(session -> session.accountId().equals(actor.accountId()))
                .filter(session -> actor.role() == Role.ADMIN || session.agentId().equals(actor.agentId()))
                .flatMap(session -> revocations.revoke(session, actor.agentId(), null))
                .defaultIfEmpty(false);
    }
}
