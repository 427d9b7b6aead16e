package dev.parley.admin.internal;

import dev.parley.audit.AuditLog;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.Ids;
import dev.parley.visitor.Ban;
import dev.parley.visitor.Bans;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The account's visitor bans (made from the console): listing them and lifting one. */
@RestController
@RequestMapping("/api/v1/admin/bans")
class BansApi {

    private final Bans bans;
    private final AuditLog audit;

    BansApi(Bans bans, AuditLog audit) {
        this.bans = bans;
        this.audit = audit;
    }

    /**
     * Newest first; {@code all=true} includes expired and lifted ones. {@code after} is the previous
     * page's {@code next}.
     */
    @GetMapping
    Mono<Page<Ban>> list(@AuthenticationPrincipal AgentPrincipal admin, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String after, @RequestParam(defaultValue = "false") boolean all) {
        int size = Page.limit(limit);
        return Page.of(size, n -> bans.list(admin.accountId(), Page.after(after), n, !all), Ban::id, ban -> ban);
    }

    /** Ends a ban now; the visitor (and address) may chat again. A ban not in force answers 404. */
    @DeleteMapping("/{banId}")
    Mono<ResponseEntity<Void>> lift(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String banId) {
        if (!Ids.isWellFormed(banId)) {
            return Mono.error(ApiProblems.notFound("ban"));
        }
        return bans.lift(admin.accountId(), banId)
                .flatMap(lifted -> lifted
                        ? audit.record(admin.accountId(), admin.agentId(), "visitor.ban_lifted", "ban", banId, null)
                                .thenReturn(ResponseEntity.noContent().<Void>build())
                        : Mono.error(ApiProblems.notFound("ban")));
    }
}
