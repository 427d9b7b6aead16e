package dev.parley.security.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.parley.audit.AuditEntry;
import dev.parley.audit.AuditLog;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.Ids;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Who the caller is, and (for admins; the security chain guards {@code /api/v1/admin/**}) their
 * account's audit log. Everything is scoped to the caller's own account.
 */
@RestController
class AgentApi {

    /** A screenful of entries. */
    private static final int DEFAULT_PAGE = 50;

    /** Bounds one request's work; older entries are a few pages away. */
    private static final int MAX_PAGE = 200;

    private final AuditLog auditLog;

    AgentApi(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    record AuditEntryView(String id, String actorId, String action, String targetType, String targetId, Map<String, String> details,
            Instant createdAt) {

        static AuditEntryView of(AuditEntry entry) {
            return new AuditEntryView(entry.id(), entry.actorId(), entry.action(), entry.targetType(), entry.targetId(), entry.details(),
                    entry.createdAt());
        }
    }

    /**
     * @param next pass as {@code before} for the next, older page; absent on the last page
     */
    record AuditPage(List<AuditEntryView> entries, String next) {
    }

    @GetMapping("/api/v1/me")
    Mono<AgentView> me(@AuthenticationPrincipal AgentPrincipal principal) {
        return Mono.just(AgentView.of(principal));
    }

    /** Newest first; {@code before} is the {@code next} of the previous page. */
    @GetMapping("/api/v1/admin/audit-log")
    Mono<AuditPage> auditLog(@AuthenticationPrincipal AgentPrincipal admin, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String before) {
        if ((limit != null && (limit < 1 || limit > MAX_PAGE)) || (before != null && !Ids.isWellFormed(before))) {
            return Mono.error(Problems.problem(HttpStatus.BAD_REQUEST, "invalid_request",
                    "limit must be 1 to " + MAX_PAGE + " and before an entry id"));
        }
        int page = limit == null ? DEFAULT_PAGE : limit;
        return auditLog.page(admin.accountId(), before, page + 1)
                .map(AuditEntryView::of)
                .collectList()
                .map(entries -> entries.size() > page
                        ? new AuditPage(entries.subList(0, page), entries.get(page - 1).id())
                        : new AuditPage(entries, null));
    }
}
