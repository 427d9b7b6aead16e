package dev.parley.agent;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agent presence ({@code parley.agent.*}).
 *
 * @param leaseGrace how long an agent stays live after their last console connection stopped
 *     renewing its lease: a page reload or a short network drop must not cost them their chats
 * @param leaseRenewInterval how often a node renews the leases of its open connections
 * @param nodeId this node's name in the lease table; empty picks a random one at start
 * @param invitationLifetime how long an invitation link lets a new agent choose their password
 */
@ConfigurationProperties("parley.agent")
public record AgentProperties(
        @DefaultValue(DEFAULT_LEASE_GRACE) Duration leaseGrace,
        @DefaultValue(DEFAULT_LEASE_RENEW_INTERVAL) Duration leaseRenewInterval,
        String nodeId,
        @DefaultValue(DEFAULT_INVITATION_LIFETIME) Duration invitationLifetime) {

    /** Longer than a reload or a Wi-Fi hiccup, short enough that a visitor is not left waiting on a gone agent. */
    static final String DEFAULT_LEASE_GRACE = "30s";

    /** A third of the grace: two renewals may be missed before a live agent looks gone. */
    static final String DEFAULT_LEASE_RENEW_INTERVAL = "10s";

    /** A week: long enough for someone on leave to act on it, short enough that an old mail is no key. */
    static final String DEFAULT_INVITATION_LIFETIME = "7d";

    public AgentProperties {
        if (leaseRenewInterval.compareTo(leaseGrace) >= 0) {
            throw new IllegalArgumentException("parley.agent.lease-renew-interval must be shorter than lease-grace");
        }
    }
}
