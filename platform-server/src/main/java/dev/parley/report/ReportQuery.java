package dev.parley.report;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Conversations of {@code accountId} created from the start of {@code from} to the end of {@code to}
 * (both in {@code zone}), optionally only those of one site, team or agent.
 */
public record ReportQuery(String accountId, LocalDate from, LocalDate to, ZoneId zone, GroupBy groupBy, String siteId,
        String teamId, String agentId) {
}
