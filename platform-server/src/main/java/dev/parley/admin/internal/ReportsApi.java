package dev.parley.admin.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.parley.report.GroupBy;
import dev.parley.report.Report;
import dev.parley.report.ReportQuery;
import dev.parley.report.Reports;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.Ids;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Reports as JSON, or as a CSV download ({@code format=csv} or {@code Accept: text/csv}): the
 * summary per group at {@code /reports}, the daily volume at {@code /reports/volume}.
 */
@RestController
@RequestMapping("/api/v1/admin/reports")
class ReportsApi {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final Reports reports;

    ReportsApi(Reports reports) {
        this.reports = reports;
    }

    @GetMapping
    Mono<ResponseEntity<Object>> summary(@AuthenticationPrincipal AgentPrincipal admin, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String zone,
            @RequestParam(required = false) String groupBy, @RequestParam(required = false) String siteId,
            @RequestParam(required = false) String teamId, @RequestParam(required = false) String agentId,
            @RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportQuery query = query(admin, from, to, zone, groupBy, siteId, teamId, agentId);
        boolean csv = csv(format, accept);
        return report(query).map(report -> csv ? download(report, "report", summaryCsv(report)) : ResponseEntity.ok().body(report));
    }

    @GetMapping("/volume")
    Mono<ResponseEntity<Object>> volume(@AuthenticationPrincipal AgentPrincipal admin, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String zone,
            @RequestParam(required = false) String groupBy, @RequestParam(required = false) String siteId,
            @RequestParam(required = false) String teamId, @RequestParam(required = false) String agentId,
            @RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportQuery query = query(admin, from, to, zone, groupBy, siteId, teamId, agentId);
        boolean csv = csv(format, accept);
        return report(query).map(report -> {
            if (csv) {
                return download(report, "volume", volumeCsv(report));
            }
            List<VolumeRow> rows = new ArrayList<>();
            report.rows().forEach(row -> row.volume().forEach(day -> rows.add(new VolumeRow(day.date(), row.group(), row.name(),
                    day.conversations()))));
            return ResponseEntity.ok().body(rows);
        });
    }

    record VolumeRow(LocalDate date, String group, String name, long conversations) {
    }

    private Mono<Report> report(ReportQuery query) {
        return reports.report(query).onErrorMap(IllegalArgumentException.class, e -> ApiProblems.invalidField("to", e.getMessage()));
    }

    private ReportQuery query(AgentPrincipal admin, String from, String to, String zone, String groupBy, String siteId,
            String teamId, String agentId) {
        List<ApiProblems.FieldError> errors = new ArrayList<>();
        LocalDate start = date("from", from, errors);
        LocalDate end = date("to", to, errors);
        ZoneId zoneId = ZoneId.of("UTC");
        if (zone != null) {
            try {
                zoneId = ZoneId.of(zone);
            }
            catch (DateTimeException e) {
                errors.add(new ApiProblems.FieldError("zone", "zone must be an IANA time zone such as Europe/Paris"));
            }
        }
        GroupBy by = GroupBy.NONE;
        if (groupBy != null) {
            try {
                by = GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                errors.add(new ApiProblems.FieldError("groupBy", "groupBy must be one of none, site, team, agent"));
            }
        }
        id("siteId", siteId, errors);
        id("teamId", teamId, errors);
        id("agentId", agentId, errors);
        if (start != null && end != null && end.isBefore(start)) {
            errors.add(new ApiProblems.FieldError("to", "to must not be before from"));
        }
        if (start != null && end != null && !end.isBefore(start)
                && java.time.temporal.ChronoUnit.DAYS.between(start, end) + 1 > reports.maxRangeDays()) {
            errors.add(new ApiProblems.FieldError("to", "The range must be at most " + reports.maxRangeDays() + " days"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblems.invalidFields(errors);
        }
        return new ReportQuery(admin.accountId(), start, end, zoneId, by, siteId, teamId, agentId);
    }

    private static LocalDate date(String name, String value, List<ApiProblems.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new ApiProblems.FieldError(name, name + " is required, as a date such as 2026-11-01"));
            return null;
        }
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeException e) {
            errors.add(new ApiProblems.FieldError(name, name + " must be a date such as 2026-11-01"));
            return null;
        }
    }

    private static void id(String name, String value, List<ApiProblems.FieldError> errors) {
        if (value != null && !Ids.isWellFormed(value)) {
            errors.add(new ApiProblems.FieldError(name, name + " must be an id"));
        }
    }

    private static boolean csv(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiProblems.invalidField("format", "format must be json or csv");
            };
        }
        return accept != null && accept.contains("text/csv");
    }

    private static ResponseEntity<Object> download(Report report, String kind, String body) {
        String filename = "parley-" + kind + "-" + report.from() + "-to-" + report.to() + ".csv";
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(body);
    }

    private static String summaryCsv(Report report) {
        StringBuilder out = new StringBuilder(Csv.line(List.of("group", "name", "conversations", "first_response_count",
                "first_response_p50_s", "first_response_p90_s", "queue_wait_count", "queue_wait_p50_s", "queue_wait_p90_s",
                "resolution_count", "resolution_p50_s", "resolution_p90_s", "csat_count", "csat_average")));
        for (Report.Row row : report.rows()) {
            List<Object> cells = new ArrayList<>();
            cells.add(row.group());
            cells.add(row.name());
            cells.add(row.conversations());
            for (Report.Stats s : List.of(row.firstResponse(), row.queueWait(), row.resolution())) {
                cells.add(s.count());
                cells.add(s.p50());
                cells.add(s.p90());
            }
            cells.add(row.csat().count());
            cells.add(row.csat().average());
            out.append(Csv.line(cells));
        }
        return out.toString();
    }

    private static String volumeCsv(Report report) {
        StringBuilder out = new StringBuilder(Csv.line(List.of("date", "group", "name", "conversations")));
        for (Report.Row row : report.rows()) {
            for (Report.Day day : row.volume()) {
                out.append(Csv.line(java.util.Arrays.asList(day.date(), row.group(), row.name(), day.conversations())));
            }
        }
        return out.toString();
    }
}
