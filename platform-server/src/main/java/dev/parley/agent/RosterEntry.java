package dev.parley.agent;

/**
 * A colleague as the console's roster shows them.
 *
 * @param live whether a console connection of theirs holds an unexpired lease
 * @param openChats conversations assigned to them and open now
 */
public record RosterEntry(String agentId, String displayName, Role role, AgentStatus status, boolean live, int openChats,
        Integer capacityOverride) {
}
