package dev.parley.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The message store's tuning ({@code parley.conversation.*}).
 *
 * @param writerLanes most message batches committed in parallel; 0 means one per available core
 * @param writerMaxBatch most messages committed in one transaction
 * @param writerMaxPending most messages waiting on a node before new ones are refused as overloaded
 * @param writerParallelBacklog messages waiting behind a committing batch before another batch
 *     commits beside it
 * @param resumeMaxMessages most missed messages a resume replays; beyond it the client pages history
 * @param historyMaxPage most messages one history page returns
 */
@ConfigurationProperties("parley.conversation")
public record ConversationProperties(
        @DefaultValue("" + DEFAULT_WRITER_LANES) int writerLanes,
        @DefaultValue("" + DEFAULT_WRITER_MAX_BATCH) int writerMaxBatch,
        @DefaultValue("" + DEFAULT_WRITER_MAX_PENDING) int writerMaxPending,
        @DefaultValue("" + DEFAULT_WRITER_PARALLEL_BACKLOG) int writerParallelBacklog,
        @DefaultValue("" + DEFAULT_RESUME_MAX_MESSAGES) int resumeMaxMessages,
        @DefaultValue("" + DEFAULT_HISTORY_MAX_PAGE) int historyMaxPage) {

    /**
     * One per core (0): parallel batches let commits use more cores, but each one more splits the
     * same posts into more and smaller transactions, and a transaction costs MariaDB about a
     * millisecond of CPU whatever its size. On two shared cores four (two per core) used about 0.1
     * cores more than two at 2,000 msg/s, with no lower latency (docs/performance.md, seventeenth
     * round); the backlog below decides when more than one runs.
     */
    static final int DEFAULT_WRITER_LANES = 0;

    /** A 200-row multi-VALUES insert is one round trip of well under MySQL's 16 MB packet limit. */
    static final int DEFAULT_WRITER_MAX_BATCH = 200;

    /** About two-thirds of a second of the 15,000 msg/s target; more waiting means the database is behind. */
    static final int DEFAULT_WRITER_MAX_PENDING = 10_000;

    /**
     * About 15 ms of posts at 2,000 msg/s: one batch at a time keeps up there, with a handful of
     * posts queueing behind each commit (a commit's cycle is a few milliseconds), and needs 0.2 to
     * 0.3 cores less than two in parallel; a stall or a higher rate queues more than this, and
     * parallel batches then catch up (one alone fell behind at 5,000 msg/s: p50 170 ms). Between 8
     * and 96 the difference was below the machine's spread (docs/performance.md, eighteenth round).
     */
    static final int DEFAULT_WRITER_PARALLEL_BACKLOG = 32;

    /** Covers any realistic reconnect of a live chat while keeping one replay's cost bounded. */
    static final int DEFAULT_RESUME_MAX_MESSAGES = 500;

    /** A screenful or two of transcript per request. */
    static final int DEFAULT_HISTORY_MAX_PAGE = 100;

    public ConversationProperties {
        if (writerLanes < 0 || writerMaxBatch < 1 || writerMaxPending < writerMaxBatch || writerParallelBacklog < 1
                || resumeMaxMessages < 1 || historyMaxPage < 1) {
            throw new IllegalArgumentException("parley.conversation.* must be positive (writer-lanes may be 0: one per core; writer-parallel-backlog at least 1), and writer-max-pending at least writer-max-batch");
        }
    }

    /** The most batches to commit in parallel: {@code writerLanes}, or one per core available to the JVM when it is 0. */
    public int lanes() {
        return writerLanes > 0 ? writerLanes : Runtime.getRuntime().availableProcessors();
    }
}
