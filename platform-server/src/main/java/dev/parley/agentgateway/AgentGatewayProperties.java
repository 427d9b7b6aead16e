package dev.parley.agentgateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the agents' RSocket gateway ({@code parley.agent-gateway.*}).
 *
 * @param maxPayloadBytes largest request an agent may send; larger ones are rejected by RSocket
 * @param maxMessageLength most characters in one message or note an agent sends
 * @param inboxBuffer events an agent's inbox stream may lag behind before it ends with {@code slow_consumer}
 * @param accountFeedBuffer events of one account a node may hold undecided (waiting for who may see
 *        them) before every inbox of that account on the node ends with {@code slow_consumer}
 * @param sessionCheckInterval how often a connection re-checks that its session was not revoked
 * @param searchMaxResults most conversations one {@code conversations.search} returns
 * @param visitorPageTrail most page views {@code visitors.get} returns, newest first
 */
@ConfigurationProperties("parley.agent-gateway")
public record AgentGatewayProperties(
        @DefaultValue("" + DEFAULT_MAX_PAYLOAD_BYTES) int maxPayloadBytes,
        @DefaultValue("" + DEFAULT_MAX_MESSAGE_LENGTH) int maxMessageLength,
        @DefaultValue("" + DEFAULT_INBOX_BUFFER) int inboxBuffer,
        @DefaultValue("" + DEFAULT_ACCOUNT_FEED_BUFFER) int accountFeedBuffer,
        @DefaultValue(DEFAULT_SESSION_CHECK_INTERVAL) Duration sessionCheckInterval,
        @DefaultValue("" + DEFAULT_SEARCH_MAX_RESULTS) int searchMaxResults,
        @DefaultValue("" + DEFAULT_VISITOR_PAGE_TRAIL) int visitorPageTrail) {

    /** A 10,000-character message is at most 40 KB of UTF-8; 64 KB leaves room for the envelope. */
    static final int DEFAULT_MAX_PAYLOAD_BYTES = 65_536;

    /** Agents paste longer answers than visitors write: instructions, order details. */
    static final int DEFAULT_MAX_MESSAGE_LENGTH = 10_000;

    /** Several busy conversations' worth of events; a healthy console never lags this far. */
    static final int DEFAULT_INBOX_BUFFER = 2_048;

    /**
     * Decisions wait only for a conversation read, so this holds a few seconds of a very busy
     * account (5,000 events/s) through a slow database moment; beyond that its consoles resume anyway.
     */
    static final int DEFAULT_ACCOUNT_FEED_BUFFER = 16_384;

    /** Revocation must end a connection within 5 s; checking every 2 s keeps well inside that. */
    static final String DEFAULT_SESSION_CHECK_INTERVAL = "2s";

    /** A search box shows one screen of hits; a broader query is refined, not scrolled. Bounds the scan too. */
    static final int DEFAULT_SEARCH_MAX_RESULTS = 50;

    /** The pages of a typical visit and then some; older views say little about what the visitor needs now. */
    static final int DEFAULT_VISITOR_PAGE_TRAIL = 20;

    public AgentGatewayProperties {
        if (searchMaxResults < 1 || searchMaxResults > 100 || visitorPageTrail < 1 || visitorPageTrail > 100) {
            throw new IllegalArgumentException("parley.agent-gateway.search-max-results and visitor-page-trail must be 1 to 100");
        }
        if (maxMessageLength < 1 || maxMessageLength > dev.parley.conversation.Conversations.MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("parley.agent-gateway.max-message-length must be 1 to "
                    + dev.parley.conversation.Conversations.MAX_BODY_LENGTH);
        }
        if (maxPayloadBytes < 1024 || inboxBuffer < 16 || accountFeedBuffer < 16 || sessionCheckInterval.isNegative() || sessionCheckInterval.isZero()) {
            throw new IllegalArgumentException("parley.agent-gateway.* limits must be positive");
        }
    }
}
