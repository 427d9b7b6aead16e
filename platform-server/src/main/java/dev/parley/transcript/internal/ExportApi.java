package dev.parley.transcript.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.parley.audit.AuditLog;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.ExportFilter;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.Ids;
import dev.parley.transcript.TranscriptFormat;
import dev.parley.transcript.Transcripts;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Bulk export of the account's messages (admins only: the security chain guards
 * {@code /api/v1/admin/**}), streamed straight from the database. The export is a download the
 * client reads as it comes; cancelling the request stops the reading. Each export is audited
 * ({@code messages.exported}, with its filters).
 */
@RestController
class ExportApi {

    private final Transcripts transcripts;
    private final AuditLog audit;

    ExportApi(Transcripts transcripts, AuditLog audit) {
        this.transcripts = transcripts;
        this.audit = audit;
    }

    /**
     * Messages of conversations created in {@code [from, to)} (ISO instants or dates, UTC; default:
     * all time), narrowed by {@code siteId}, {@code teamId}, {@code agentId}, {@code status}; as
     * {@code format=ndjson} (default) or {@code csv}, or as the Accept header asks.
     */
    @GetMapping("/api/v1/admin/exports/messages")
    Mono<Void> messages(@AuthenticationPrincipal AgentPrincipal admin, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String siteId,
            @RequestParam(required = false) String teamId, @RequestParam(required = false) String agentId,
            @RequestParam(required = false) String status, @RequestParam(required = false) String format, ServerWebExchange exchange) {
        TranscriptFormat chosen = format(format, exchange);
        Instant start = instant("from", from, Instant.EPOCH);
        Instant end = instant("to", to, Instant.parse("9999-01-01T00:00:00Z"));
        if (!start.isBefore(end)) {
            throw ApiProblems.invalidField("to", "to must be after from");
        }
        ExportFilter filter = new ExportFilter(admin.accountId(), start, end, id("siteId", siteId), id("teamId", teamId),
                id("agentId", agentId), status(status));
        String name = "messages-" + LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC) + "." + chosen.extension();
        // Recorded before the first byte: an export is personal data leaving the system, finished or not.
        Map<String, String> details = new HashMap<>();
        details.put("from", from);
        details.put("to", to);
        details.put("siteId", siteId);
        details.put("teamId", teamId);
        details.put("agentId", agentId);
        details.put("status", status);
        details.put("format", chosen.extension());
        return audit.record(admin.accountId(), admin.agentId(), "messages.exported", "account", admin.accountId(), details)
                .then(TranscriptApi.write(exchange.getResponse(), chosen, name, true, transcripts.export(filter, chosen)));
    }

    private static TranscriptFormat format(String format, ServerWebExchange exchange) {
        if (format != null) {
            TranscriptFormat named = TranscriptFormat.named(format);
            if (named != TranscriptFormat.NDJSON && named != TranscriptFormat.CSV) {
                throw ApiProblems.invalidField("format", "format must be ndjson or csv");
            }
            return named;
        }
        boolean csv = exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.parseMediaType("text/csv")));
        return csv ? TranscriptFormat.CSV : TranscriptFormat.NDJSON;
    }

    private static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        }
        catch (DateTimeException e) {
            throw ApiProblems.invalidField(name, name + " must be a date (2026-11-22) or an instant (2026-11-22T08:00:00Z)");
        }
    }

    private static String id(String name, String value) {
        if (value != null && !Ids.isWellFormed(value)) {
            throw ApiProblems.invalidField(name, name + " must be an id");
        }
        return value;
    }

    private static ConversationStatus status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ConversationStatus.valueOf(value.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw ApiProblems.invalidField("status", "status must be queued, assigned, pending or closed");
        }
    }
}
