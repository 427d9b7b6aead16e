package dev.parley.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reports ({@code parley.reports.*}).
 *
 * @param maxRangeDays the longest date range one report may cover
 */
@ConfigurationProperties("parley.reports")
public record ReportProperties(@DefaultValue("" + DEFAULT_MAX_RANGE_DAYS) int maxRangeDays) {

    /** A year, plus one day so that "the same date last year" through today fits. */
    static final int DEFAULT_MAX_RANGE_DAYS = 366;
}
