package dev.parley.agent;

/** What an agent may do inside their account. */
public enum Role {
    /** Settings, agents, teams, exports: everything in the account. */
    ADMIN,
    /** Sees and assigns all of the account's conversations. */
    SUPERVISOR,
    /** Their own conversations, plus the queue they may claim from. */
    AGENT
}
