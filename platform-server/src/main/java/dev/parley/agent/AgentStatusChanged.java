package dev.parley.agent;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/**
 * An agent's chosen status or liveness changed.
 *
 * @param live whether any of their console connections holds an unexpired lease
 */
public record AgentStatusChanged(String accountId, String agentId, AgentStatus status, boolean live) implements ClusterEvent {

    /** Whether the agent may be given new chats. */
    public boolean available() {
        return live && status == AgentStatus.ONLINE;
    }

    @Override
    public List<Topic> topics() {
        return List.of(Topic.account(accountId));
    }
}
