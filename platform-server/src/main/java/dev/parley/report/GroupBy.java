package dev.parley.report;

/** How a report splits the account's conversations. AGENT means the agent who holds (or last held) it. */
public enum GroupBy {
    NONE, SITE, TEAM, AGENT
}
