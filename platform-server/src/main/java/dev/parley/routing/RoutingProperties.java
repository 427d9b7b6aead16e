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
 * @param settingsCacheTtl the longest a node uses its copy of a site's queue settings before reading
 *     them again; a change announced on the cluster bus is applied sooner, this bounds a lost announcement
 * @param admissionRetries how many times deciding a new conversation's fate (queue it, or offer the
 *     offline form) is tried again after the database failed it
 * @param admissionRetryBackoff the wait before the first of those tries, doubled for each next one
 */
@ConfigurationProperties("parley.routing")
public record RoutingProperties(
        @DefaultValue(DEFAULT_SWEEP_INTERVAL) Duration sweepInterval,
        @DefaultValue("" + DEFAULT_BATCH_SIZE) int batchSize,
        @DefaultValue(DEFAULT_HANDLING_TIME) Duration defaultHandlingTime,
        @DefaultValue(DEFAULT_SETTINGS_CACHE_TTL) Duration settingsCacheTtl,
        @DefaultValue("" + DEFAULT_ADMISSION_RETRIES) int admissionRetries,
        @DefaultValue(DEFAULT_ADMISSION_RETRY_BACKOFF) Duration admissionRetryBackoff) {

    /** Events trigger assignment at once; the sweep only catches timeouts and lost triggers, so 2 s is plenty. */
    static final String DEFAULT_SWEEP_INTERVAL = "2s";

    /** Enough for a burst; one transaction stays short. */
    static final int DEFAULT_BATCH_SIZE = 200;

    /** A typical support chat. */
    static final String DEFAULT_HANDLING_TIME = "5m";

    /**
     * One second: the bus is at most once, so a lost settings announcement must not leave a node on
     * old settings for long, and one small read per site per second is nothing for the database.
     */
    static final String DEFAULT_SETTINGS_CACHE_TTL = "1s";

    /**
     * Four tries over about 3.5 s (after 0.5, 1 and 2 s) outlast a dropped connection or a database
     * fail-over. A conversation whose admission never succeeds waits in the queue, where agents
     * still get it, but with nobody online its visitor sees the queue until the site's queue
     * timeout instead of the offline form.
     */
    static final int DEFAULT_ADMISSION_RETRIES = 3;

    /** See {@link #DEFAULT_ADMISSION_RETRIES}. */
    static final String DEFAULT_ADMISSION_RETRY_BACKOFF = "500ms";
}
