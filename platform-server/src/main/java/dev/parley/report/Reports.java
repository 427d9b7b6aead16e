package dev.parley.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.parley.report.internal.Percentiles;
import dev.parley.report.internal.ReportRepository;
import dev.parley.report.internal.ReportRepository.Scope;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Builds reports; see the package documentation for how percentiles are computed. */
@Service
public class Reports {

    private final ReportRepository repository;
    private final ReportProperties properties;

    Reports(ReportRepository repository, ReportProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    public int maxRangeDays() {
        return properties.maxRangeDays();
    }

    /**
     * The report; fails with {@link IllegalArgumentException} when {@code to} is before {@code from}
     * or the range is longer than {@link ReportProperties#maxRangeDays()}.
     */
    public Mono<Report> report(ReportQuery query) {
        long days = ChronoUnit.DAYS.between(query.from(), query.to()) + 1;
        if (days < 1 || days > properties.maxRangeDays()) {
            return Mono.error(new IllegalArgumentException("The range must be 1 to " + properties.maxRangeDays() + " days"));
        }
        Instant from = query.from().atStartOfDay(query.zone()).toInstant();
        Instant to = query.to().plusDays(1).atStartOfDay(query.zone()).toInstant();
        Scope scope = new Scope(query.accountId(), from, to, query.groupBy(), query.siteId(), query.teamId(), query.agentId());
        Mono<Map<String, Map<LocalDate, Long>>> volume = repository.created(scope)
                .reduce(new HashMap<String, Map<LocalDate, Long>>(), (acc, e) -> {
                    acc.computeIfAbsent(e.getKey(), g -> new TreeMap<>())
                            .merge(LocalDate.ofInstant(e.getValue(), query.zone()), 1L, Long::sum);
                    return acc;
                });
        Mono<Map<String, Report.Stats>> firstResponse = stats(scope, "created_at", "first_response_at");
        Mono<Map<String, Report.Stats>> queueWait = stats(scope, "created_at", "first_assigned_at");
        Mono<Map<String, Report.Stats>> resolution = stats(scope, "created_at", "closed_at");
        Mono<Map<String, Report.Csat>> csat = repository.ratings(scope)
                .collectMap(ReportRepository.Ratings::group,
                        r -> new Report.Csat(r.count(), r.count() == 0 ? null : Math.round(100.0 * r.sum() / r.count()) / 100.0));
        // One after another: a report is a handful of queries, and running them together would only
        // take more of the pool from live traffic.
        return volume.flatMap(v -> firstResponse.flatMap(f -> queueWait.flatMap(q -> resolution.flatMap(r -> csat.flatMap(c ->
                repository.names(query.accountId(), query.groupBy()).map(names ->
                        new Report(query.from(), query.to(), query.zone().getId(), query.groupBy(),
                                rows(query, v, f, q, r, c, names))))))));
    }

    private Mono<Map<String, Report.Stats>> stats(Scope scope, String start, String end) {
        return repository.counts(scope, end).flatMap(counts -> Percentiles.of(counts, repository.durations(scope, start, end)));
    }

    private static List<Report.Row> rows(ReportQuery query, Map<String, Map<LocalDate, Long>> volume,
            Map<String, Report.Stats> firstResponse, Map<String, Report.Stats> queueWait, Map<String, Report.Stats> resolution,
            Map<String, Report.Csat> csat, Map<String, String> names) {
        TreeSet<String> groups = new TreeSet<>(volume.keySet());
        if (query.groupBy() == GroupBy.NONE) {
            groups.add("");
        }
        List<Report.Row> rows = new ArrayList<>();
        Report.Stats none = new Report.Stats(0, null, null);
        for (String group : groups) {
            Map<LocalDate, Long> perDay = volume.getOrDefault(group, Map.of());
            List<Report.Day> days = new ArrayList<>();
            for (LocalDate d = query.from(); !d.isAfter(query.to()); d = d.plusDays(1)) {
                days.add(new Report.Day(d, perDay.getOrDefault(d, 0L)));
            }
            long total = perDay.values().stream().mapToLong(Long::longValue).sum();
            rows.add(new Report.Row(query.groupBy() == GroupBy.NONE ? null : group, names.get(group), total, days,
                    firstResponse.getOrDefault(group, none), queueWait.getOrDefault(group, none),
                    resolution.getOrDefault(group, none), csat.getOrDefault(group, new Report.Csat(0, null))));
        }
        return rows;
    }
}
