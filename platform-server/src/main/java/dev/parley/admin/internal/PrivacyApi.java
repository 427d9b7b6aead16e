package dev.parley.admin.internal;

import java.nio.charset.StandardCharsets;

import dev.parley.audit.AuditLog;
import dev.parley.conversation.Author;
import dev.parley.privacy.Erasure;
import dev.parley.privacy.PrivacyProperties;
import dev.parley.privacy.VisitorRecords;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.RequestFields;
import dev.parley.site.Sites;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The account's retention, and one visitor's data: export (right of access) and erasure. */
@RestController
class PrivacyApi {

    private final Sites sites;
    private final VisitorRecords visitors;
    private final AuditLog audit;
    private final PrivacyProperties properties;

    PrivacyApi(Sites sites, VisitorRecords visitors, AuditLog audit, PrivacyProperties properties) {
        this.sites = sites;
        this.visitors = visitors;
        this.audit = audit;
        this.properties = properties;
    }

    /** @param retentionDays closed conversations older than this are deleted; absent keeps them forever */
    record Retention(Integer retentionDays) {
    }

    @GetMapping("/api/v1/admin/retention")
    Mono<Retention> retention(@AuthenticationPrincipal AgentPrincipal admin) {
        return sites.findAccount(admin.accountId()).map(account -> new Retention(account.retentionDays()));
    }

    /** {@code {"retentionDays": 30}}, or {@code null} to keep closed conversations forever. */
    @PutMapping("/api/v1/admin/retention")
    Mono<Retention> setRetention(@AuthenticationPrincipal AgentPrincipal admin, @RequestBody JsonNode body) {
        RequestFields f = RequestFields.of(body);
        if (!f.has("retentionDays")) {
            f.fail("retentionDays", "retentionDays is required: a number of days, or null to keep conversations forever");
        }
        Integer days = f.integer("retentionDays", 1, properties.maxRetentionDays(), false);
        f.check();
        return sites.setRetention(admin.accountId(), days)
                .flatMap(account -> audit.record(admin.accountId(), admin.agentId(), "retention.changed", "account", account.id(),
                        ApiProblems.auditDetails("retentionDays", days)).thenReturn(new Retention(account.retentionDays())));
    }

    /** Everything stored about the visitor, as one JSON download. */
    @GetMapping("/api/v1/admin/visitors/{visitorId}/export")
    Mono<ResponseEntity<Flux<DataBuffer>>> export(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String visitorId) {
        return visitors.export(admin.accountId(), visitorId)
                .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("visitor")))
                .flatMap(pieces -> audit.record(admin.accountId(), admin.agentId(), "visitor.exported", "visitor", visitorId, null)
                        .thenReturn(ResponseEntity.ok()
                                .contentType(MediaType.APPLICATION_JSON)
                                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"parley-visitor-" + visitorId + ".json\"")
                                .body(pieces.map(piece -> DefaultDataBufferFactory.sharedInstance.wrap(piece.getBytes(StandardCharsets.UTF_8))))));
    }

    /** Erases the visitor and everything about them; answers what was deleted. */
    @DeleteMapping("/api/v1/admin/visitors/{visitorId}")
    Mono<Erasure> erase(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String visitorId) {
        return visitors.erase(admin.accountId(), visitorId, Author.agent(admin.agentId(), admin.displayName()))
                .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("visitor")))
                .flatMap(erased -> audit.record(admin.accountId(), admin.agentId(), "visitor.erased", "visitor", visitorId,
                        ApiProblems.auditDetails("conversations", erased.conversations(), "messages", erased.messages(),
                                "pageViews", erased.pageViews(), "tokens", erased.tokens(), "bans", erased.bans()))
                        .thenReturn(erased));
    }
}
