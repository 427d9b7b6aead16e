package dev.parley.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The message store's tuning ({@code parley.conversation.*}).
 *
 * @param writerLanes independent write queues; a conversation always uses the same one, which keeps
 *     its messages in order while lanes commit in parallel; 0 means one per available core
 * @param writerMaxBatch most messages committed in one transaction
 * @param writerMaxPending most messages waiting per lane before new ones are refused as overloaded
 * @param resumeMaxMessages most missed messages a resume replays; beyond it the client pages history
 * @param historyMaxPage most messages one history page returns
 */
@ConfigurationProperties("parley.conversation")
public record ConversationProperties(
        @DefaultValue("" + DEFAULT_WRITER_LANES) int writerLanes,
        @DefaultValue("" + DEFAULT_WRITER_MAX_BATCH) int writerMaxBatch,
        @DefaultValue("" + DEFAULT_WRITER_MAX_PENDING) int writerMaxPending,
        @DefaultValue("" + DEFAULT_RESUME_MAX_MESSAGES) int resumeMaxMessages,
        @DefaultValue("" + DEFAULT_HISTORY_MAX_PAGE) int historyMaxPage) {

    /**
     * One per core (0): a lane commits one batch at a time, so lanes let batches commit in parallel
     * on more cores, but each lane more splits the same posts into more and smaller transactions,
     * and a transaction costs MariaDB about a millisecond of CPU whatever its size. On two shared
     * cores four lanes (two per core, the earlier default) used about 0.1 cores more than two at
     * 2,000 msg/s, with no lower latency (docs/performance.md, seventeenth round).
     */
    static final int DEFAULT_WRITER_LANES = 0;

    /** A 200-row multi-VALUES insert is one round trip of well under MySQL's 16 MB packet limit. */
    static final int DEFAULT_WRITER_MAX_BATCH = 200;

    /** About half a second of the 15,000 msg/s target per lane; more waiting means the database is behind. */
    static final int DEFAULT_WRITER_MAX_PENDING = 5_000;

    /** Covers any realistic reconnect of a live chat while keeping one replay's cost bounded. */
    static final int DEFAULT_RESUME_MAX_MESSAGES = 500;

    /** A screenful or two of transcript per request. */
    static final int DEFAULT_HISTORY_MAX_PAGE = 100;

    public ConversationProperties {
        if (writerLanes < 0 || writerMaxBatch < 1 || writerMaxPending < writerMaxBatch || resumeMaxMessages < 1 || historyMaxPage < 1) {
            throw new IllegalArgumentException("parley.conversation.* must be positive (writer-lanes may be 0: one per core), and writer-max-pending at least writer-max-batch");
        }
    }

    /** The write queues to run: {@code writerLanes}, or one per core available to the JVM when it is 0. */
    public int lanes() {
        return writerLanes > 0 ? writerLanes : Runtime.getRuntime().availableProcessors();
    }
}
