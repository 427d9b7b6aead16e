package dev.parley.security;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/**
 * A sign-in was ended, by its agent signing out, by an admin, or because a stolen refresh token was
 * presented. Every token of the session is refused from now on; connections authenticated with
 * one should close. The bus may lose this event: {@link AgentSessions#isRevoked} is the truth.
 */
public record SessionRevoked(String accountId, String agentId, String sessionId) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.account(accountId));
    }
}
