package dev.parley.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention ({@code parley.privacy.*}).
 *
 * @param retentionInterval how often a node tries to run the retention job
 * @param retentionBatchSize most conversations one retention transaction deletes
 * @param retentionMaxBatches most batches one run deletes per account; the next run goes on
 * @param jobLease how long the node running the job holds it; another node may take over after it
 * @param maxRetentionDays the longest retention an admin may set
 */
@ConfigurationProperties("parley.privacy")
public record PrivacyProperties(
        @DefaultValue(DEFAULT_RETENTION_INTERVAL) Duration retentionInterval,
        @DefaultValue("" + DEFAULT_RETENTION_BATCH_SIZE) int retentionBatchSize,
        @DefaultValue("" + DEFAULT_RETENTION_MAX_BATCHES) int retentionMaxBatches,
        @DefaultValue(DEFAULT_JOB_LEASE) Duration jobLease,
        @DefaultValue("" + DEFAULT_MAX_RETENTION_DAYS) int maxRetentionDays) {

    /** Retention is counted in days; every 10 minutes keeps deletion close to the deadline at no cost. */
    static final String DEFAULT_RETENTION_INTERVAL = "10m";

    /** A transaction of a few hundred conversations (and their messages) stays short and holds few locks. */
    static final int DEFAULT_RETENTION_BATCH_SIZE = 200;

    /** 10,000 conversations per account per run: a first run on a large backlog spreads over a few runs instead of one long one. */
    static final int DEFAULT_RETENTION_MAX_BATCHES = 50;

    /** Far longer than a run takes; a crashed node's lease runs out before the next interval or two. */
    static final String DEFAULT_JOB_LEASE = "15m";

    /** 100 years: effectively "keep", while still a number; null means forever. */
    static final int DEFAULT_MAX_RETENTION_DAYS = 36_500;
}
