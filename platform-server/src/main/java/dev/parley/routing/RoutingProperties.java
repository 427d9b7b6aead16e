package dev.parley.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing's machinery ({@code parley.routing.*}); the per-site rules are {@link QueueSettings}.
 *
 * @param sweepInterval how often each node looks for expired leases, timed-out queues, unanswered
 *     assignments and idle chats; the latest any of those is noticed
 * @param batchSize most conversations one assignment transaction takes from the queue
 * @param defaultHandlingTime the assumed length of a chat until enough have closed to measure it
 */
@ConfigurationProperties("parley.routing")
public record RoutingProperties(
        @DefaultValue(DEFAULT_SWEEP_INTERVAL) Duration sweepInterval,
        @DefaultValue("" + DEFAULT_BATCH_SIZE) int batchSize,
        @DefaultValue(DEFAULT_HANDLING_TIME) Duration defaultHandlingTime) {

    /** Events trigger assignment at once; the sweep only catches timeouts and lost triggers, so 2 s is plenty. */
    static final String DEFAULT_SWEEP_INTERVAL = "2s";

    /** Enough for a burst; one transaction stays short. */
    static final int DEFAULT_BATCH_SIZE = 200;

    /** A typical support chat. */
    static final String DEFAULT_HANDLING_TIME = "5m";
}
