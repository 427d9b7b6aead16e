package dev.parley.security.internal;

import dev.parley.agent.Role;
import dev.parley.security.AgentPrincipal;

/** An agent as the console shows them: who is signed in. */
record AgentView(String id, String accountId, String email, String displayName, Role role) {

    static AgentView of(AgentPrincipal principal) {
        return new AgentView(principal.agentId(), principal.accountId(), principal.email(), principal.displayName(), principal.role());
    }
}
