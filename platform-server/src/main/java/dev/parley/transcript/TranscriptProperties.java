package dev.parley.transcript;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Transcripts and exports ({@code parley.transcript.*}).
 *
 * @param pageSize messages read from the database at a time for one conversation's transcript
 * @param exportPageSize messages read at a time for a bulk export; with the response's own small
 *     buffer it is what bounds an export's memory
 * @param visitorEmailsPerHour transcripts one visitor may have mailed per hour
 * @param agentEmailsPerHour transcripts one agent may mail per hour
 */
@ConfigurationProperties("parley.transcript")
public record TranscriptProperties(
        @DefaultValue("" + DEFAULT_PAGE_SIZE) int pageSize,
        @DefaultValue("" + DEFAULT_EXPORT_PAGE_SIZE) int exportPageSize,
        @DefaultValue("" + DEFAULT_VISITOR_EMAILS_PER_HOUR) int visitorEmailsPerHour,
        @DefaultValue("" + DEFAULT_AGENT_EMAILS_PER_HOUR) int agentEmailsPerHour) {

    /** Most conversations fit in one read; a long one takes a few. */
    static final int DEFAULT_PAGE_SIZE = 500;

    /** About half a megabyte of typical messages per read: few round trips, a small and constant footprint. */
    static final int DEFAULT_EXPORT_PAGE_SIZE = 1_000;

    /**
     * Three: a visitor may ask again after a typo, but the widget cannot be used to mail a
     * conversation to strangers over and over.
     */
    static final int DEFAULT_VISITOR_EMAILS_PER_HOUR = 3;

    /** An agent sending transcripts to the visitors of a busy shift, but not a mailing run. */
    static final int DEFAULT_AGENT_EMAILS_PER_HOUR = 30;

    public TranscriptProperties {
        if (pageSize < 1 || exportPageSize < 1 || visitorEmailsPerHour < 0 || agentEmailsPerHour < 0) {
            throw new IllegalArgumentException("parley.transcript.* sizes must be positive and limits not negative");
        }
    }
}
