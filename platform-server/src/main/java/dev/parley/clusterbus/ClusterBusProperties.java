package dev.parley.clusterbus;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * How nodes reach each other ({@code parley.redis.*}, or {@code PARLEY_REDIS_URL}).
 *
 * @param url Redis URL such as {@code redis://127.0.0.1:6379}; empty keeps the in-process bus, right
 *     for a single node and wrong for several
 * @param channelPrefix put before every channel name, so several installations can share one Redis
 * @param commandTimeout longest a publish or a subscription waits for Redis before it counts as failed
 * @param reconnectMinDelay the first wait before reconnecting after the connection broke
 * @param reconnectMaxDelay the longest wait between reconnection attempts (the delay doubles up to it)
 * @param pingInterval how often the subscription connection is checked with a PING; one unanswered
 *     within {@code commandTimeout} drops and reopens it, which catches a peer that vanished silently
 * @param publishBacklog publishes that may wait for Redis at once; more are dropped (and recovered
 *     by the subscribers from the database), so a slow Redis cannot grow a node's memory
 * @param maxEventBytes largest encoded event sent or accepted; larger ones travel to this node's
 *     subscribers only, and the others catch up from the database
 */
@ConfigurationProperties("parley.redis")
public record ClusterBusProperties(
        String url,
        @DefaultValue(DEFAULT_CHANNEL_PREFIX) String channelPrefix,
        @DefaultValue(DEFAULT_COMMAND_TIMEOUT) Duration commandTimeout,
        @DefaultValue(DEFAULT_RECONNECT_MIN_DELAY) Duration reconnectMinDelay,
        @DefaultValue(DEFAULT_RECONNECT_MAX_DELAY) Duration reconnectMaxDelay,
        @DefaultValue(DEFAULT_PING_INTERVAL) Duration pingInterval,
        @DefaultValue("" + DEFAULT_PUBLISH_BACKLOG) int publishBacklog,
        @DefaultValue("" + DEFAULT_MAX_EVENT_BYTES) int maxEventBytes) {

    /** Short, and distinct from anything else an operator is likely to keep in the same Redis. */
    static final String DEFAULT_CHANNEL_PREFIX = "parley:";

    /** A healthy Redis answers in well under a millisecond; two seconds is an outage, not latency. */
    static final String DEFAULT_COMMAND_TIMEOUT = "2s";

    /** A killed connection (a failover, CLIENT KILL) is usually back at once. */
    static final String DEFAULT_RECONNECT_MIN_DELAY = "100ms";

    /**
     * Fan-out resumes within this long of Redis coming back; every node retrying this often is
     * still only one connection attempt per node per two seconds.
     */
    static final String DEFAULT_RECONNECT_MAX_DELAY = "2s";

    /** Well inside the widget's 25-second heartbeat: a dead link is noticed before visitors notice. */
    static final String DEFAULT_PING_INTERVAL = "5s";

    /** About two seconds of a busy node's events; beyond that Redis is not keeping up anyway. */
    static final int DEFAULT_PUBLISH_BACKLOG = 10_000;

    /** A 16,000-character message, escaped, fits several times over. */
    static final int DEFAULT_MAX_EVENT_BYTES = 262_144;

    public ClusterBusProperties {
        if (channelPrefix == null) {
            channelPrefix = DEFAULT_CHANNEL_PREFIX;
        }
        if (commandTimeout == null) {
            commandTimeout = DurationStyle.detectAndParse(DEFAULT_COMMAND_TIMEOUT);
        }
        if (reconnectMinDelay == null) {
            reconnectMinDelay = DurationStyle.detectAndParse(DEFAULT_RECONNECT_MIN_DELAY);
        }
        if (reconnectMaxDelay == null) {
            reconnectMaxDelay = DurationStyle.detectAndParse(DEFAULT_RECONNECT_MAX_DELAY);
        }
        if (pingInterval == null) {
            pingInterval = DurationStyle.detectAndParse(DEFAULT_PING_INTERVAL);
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero() || reconnectMinDelay.isNegative() || reconnectMinDelay.isZero()
                || reconnectMaxDelay.compareTo(reconnectMinDelay) < 0 || pingInterval.isNegative() || pingInterval.isZero()
                || publishBacklog < 1 || maxEventBytes < 1_024) {
            throw new IllegalArgumentException("parley.redis.* limits must be positive, with reconnect-max-delay >= reconnect-min-delay"
                    + " and max-event-bytes >= 1024");
        }
    }

    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}
