package dev.parley.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The message store's tuning ({@code parley.conversation.*}).
 *
 * @param writerLanes independent write queues; a conversation always uses the same one, which keeps
 *     its messages in order while lanes commit in parallel
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

    /** Two per core here: one lane waits on a round trip while another fills its next batch. */
    static final int DEFAULT_WRITER_LANES = 4;

    /** A 200-row multi-VALUES insert is one round trip of well under MySQL's 16 MB packet limit. */
    static final int DEFAULT_WRITER_MAX_BATCH = 200;

    /** About half a second of the 15,000 msg/s target per lane; more waiting means the database is behind. */
    static final int DEFAULT_WRITER_MAX_PENDING = 5_000;

    /** Covers any realistic reconnect of a live chat while keeping one replay's cost bounded. */
    static final int DEFAULT_RESUME_MAX_MESSAGES = 500;

    /** A screenful or two of transcript per request. */
    static final int DEFAULT_HISTORY_MAX_PAGE = 100;

    public ConversationProperties {
        if (writerLanes < 1 || writerMaxBatch < 1 || writerMaxPending < writerMaxBatch || resumeMaxMessages < 1 || historyMaxPage < 1) {
            throw new IllegalArgumentException("parley.conversation.* must be positive, and writer-max-pending at least writer-max-batch");
        }
    }
}
