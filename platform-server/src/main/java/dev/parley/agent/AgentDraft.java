package dev.parley.agent;

/**
 * What an admin (or the first-start bootstrap) supplies to create an agent.
 *
 * @param password the initial password, or null for an agent who signs in only through OIDC
 */
public record AgentDraft(String email, String displayName, Role role, String password, Integer capacityOverride) {

    @Override
    public String toString() {
        // Never print the password.
        return "AgentDraft[email=" + email + ", displayName=" + displayName + ", role=" + role + "]";
    }
}
