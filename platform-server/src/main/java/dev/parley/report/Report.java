package dev.parley.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A report: one row per group (one row, {@code group} null, for {@link GroupBy#NONE}).
 *
 * <p>Durations are in seconds. Conversations count where they were created in the range; each
 * duration only where it exists (a conversation never answered has no first-response time).
 */
public record Report(LocalDate from, LocalDate to, String zone, GroupBy groupBy, List<Row> rows) {

    /**
     * @param group the site, team or agent id; empty for conversations without a team or agent
     * @param name its name, when it still exists
     * @param volume conversations created per day, every day of the range, in order
     */
    public record Row(String group, String name, long conversations, List<Day> volume, Stats firstResponse, Stats queueWait,
            Stats resolution, Csat csat) {
    }

    public record Day(LocalDate date, long conversations) {
    }

    /** Nearest-rank percentiles; null when {@code count} is 0. */
    public record Stats(long count, Double p50, Double p90) {
    }

    /** The average rating, 1 to 5; null when no conversation was rated. */
    public record Csat(long count, Double average) {
    }
}
