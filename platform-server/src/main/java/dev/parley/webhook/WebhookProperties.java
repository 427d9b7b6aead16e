package dev.parley.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery ({@code parley.webhooks.*}).
 *
 * @param allowPrivateAddresses whether endpoints may resolve to loopback, private (RFC 1918, RFC
 *     4193), link-local or other non-public addresses; off by default (see the package documentation)
 * @param connectTimeout the longest a connection to an endpoint may take
 * @param responseTimeout the longest an endpoint may take to answer once the request is sent
 * @param maxAttempts attempts before a delivery is given up and marked FAILED
 * @param initialBackoff the wait after the first failure; each further failure doubles it
 * @param maxBackoff the cap on the wait between two attempts
 * @param pollInterval how often each node looks for due deliveries
 * @param claimLease how long a node holds a claimed delivery; another node may take it afterwards
 * @param batchSize most deliveries a node claims per poll
 * @param concurrency most requests a node has in flight at once
 * @param maxPerAccount most webhooks one account may register
 * @param subscriptionCacheTtl the longest a node uses its copy of an account's webhooks
 * @param deliveryLogRetention how long delivered and failed deliveries stay in the log
 */
@ConfigurationProperties("parley.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue(DEFAULT_CONNECT_TIMEOUT) Duration connectTimeout,
        @DefaultValue(DEFAULT_RESPONSE_TIMEOUT) Duration responseTimeout,
        @DefaultValue("" + DEFAULT_MAX_ATTEMPTS) int maxAttempts,
        @DefaultValue(DEFAULT_INITIAL_BACKOFF) Duration initialBackoff,
        @DefaultValue(DEFAULT_MAX_BACKOFF) Duration maxBackoff,
        @DefaultValue(DEFAULT_POLL_INTERVAL) Duration pollInterval,
        @DefaultValue(DEFAULT_CLAIM_LEASE) Duration claimLease,
        @DefaultValue("" + DEFAULT_BATCH_SIZE) int batchSize,
        @DefaultValue("" + DEFAULT_CONCURRENCY) int concurrency,
        @DefaultValue("" + DEFAULT_MAX_PER_ACCOUNT) int maxPerAccount,
        @DefaultValue(DEFAULT_SUBSCRIPTION_CACHE_TTL) Duration subscriptionCacheTtl,
        @DefaultValue(DEFAULT_DELIVERY_LOG_RETENTION) Duration deliveryLogRetention) {

    /** A healthy endpoint connects in milliseconds; 5 s tolerates a slow network without tying up a slot. */
    static final String DEFAULT_CONNECT_TIMEOUT = "5s";

    /** Receivers should acknowledge and work later; 10 s is generous for that (Slack allows 3 s). */
    static final String DEFAULT_RESPONSE_TIMEOUT = "10s";

    /** With the backoff below, 15 attempts span about 9 hours: an overnight outage is bridged. */
    static final int DEFAULT_MAX_ATTEMPTS = 15;

    /** Short enough that a blip costs seconds, long enough not to hammer an endpoint that is down. */
    static final String DEFAULT_INITIAL_BACKOFF = "10s";

    /** Hourly retries once an endpoint has been down a while. */
    static final String DEFAULT_MAX_BACKOFF = "1h";

    /** Events reach the receiver within about a second. */
    static final String DEFAULT_POLL_INTERVAL = "1s";

    /** Longer than a connect plus a response timeout, so a live node never loses its claim mid-request. */
    static final String DEFAULT_CLAIM_LEASE = "60s";

    /** One poll's work stays small; a backlog drains over a few polls. */
    static final int DEFAULT_BATCH_SIZE = 50;

    /** Bounds the sockets one node opens to endpoints. */
    static final int DEFAULT_CONCURRENCY = 16;

    /** Far more than integrations need; bounds the outbox rows one event writes. */
    static final int DEFAULT_MAX_PER_ACCOUNT = 20;

    /** Two seconds: a new or changed webhook applies everywhere almost at once, and the lookup per event stays off the database. */
    static final String DEFAULT_SUBSCRIPTION_CACHE_TTL = "2s";

    /** A week of history to debug an integration with; the outbox does not grow forever. */
    static final String DEFAULT_DELIVERY_LOG_RETENTION = "7d";
}
