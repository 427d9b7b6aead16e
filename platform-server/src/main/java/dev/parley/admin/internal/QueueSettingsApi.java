package dev.parley.admin.internal;

import java.util.List;

import dev.parley.audit.AuditLog;
import dev.parley.routing.BusinessHours;
import dev.parley.routing.QueueSettings;
import dev.parley.routing.Queues;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.Ids;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A site's queue settings (issue 5): policy, team, capacity, timeouts, business hours and queue
 * length. A change is applied on every node at once and the queue is re-run under it.
 */
@RestController
@RequestMapping("/api/v1/admin/sites/{siteId}/queue-settings")
class QueueSettingsApi {

    private final Queues queues;
    private final AuditLog audit;

    QueueSettingsApi(Queues queues, AuditLog audit) {
        this.queues = queues;
        this.audit = audit;
    }

    /** Times as {@code HH:mm}, days and policies as their names, timeouts in the units their names say. */
    record SettingsView(String siteId, String policy, String teamId, int maxChatsPerAgent, long queueTimeoutSeconds,
            Long noReplyTimeoutSeconds, Long autoCloseMinutes, Integer maxQueueLength, HoursView businessHours) {

        static SettingsView of(QueueSettings s) {
            return new SettingsView(s.siteId(), s.policy().name(), s.teamId(), s.maxChatsPerAgent(), s.queueTimeout().getSeconds(),
                    s.noReplyTimeout() == null ? null : s.noReplyTimeout().getSeconds(),
                    s.autoClose() == null ? null : s.autoClose().toMinutes(), s.maxQueueLength(),
                    s.businessHours() == null ? null : HoursView.of(s.businessHours()));
        }
    }

    record HoursView(String zone, List<SlotView> weekly, List<DayView> exceptions) {

        static HoursView of(BusinessHours h) {
            return new HoursView(h.zone(),
                    h.weekly().stream().map(s -> new SlotView(s.day().name(), hhmm(s.from()), hhmm(s.to()))).toList(),
                    h.exceptions().stream().map(d -> new DayView(d.date().toString(),
                            d.slots().stream().map(r -> new RangeView(hhmm(r.from()), hhmm(r.to()))).toList())).toList());
        }
    }

    record SlotView(String day, String from, String to) {
    }

    record DayView(String date, List<RangeView> slots) {
    }

    record RangeView(String from, String to) {
    }

    @GetMapping
    Mono<SettingsView> get(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String siteId) {
        return requireSite(siteId).then(queues.settings(admin.accountId(), siteId)).map(SettingsView::of);
    }

    /** Replaces every setting; nullable ones sent as null or left out are switched off. */
    @PutMapping
    Mono<SettingsView> put(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String siteId, @RequestBody JsonNode body) {
        return requireSite(siteId)
                .then(Mono.fromCallable(() -> QueueSettingsRequest.read(siteId, body)))
                .flatMap(settings -> queues.updateSettings(admin.accountId(), settings))
                .onErrorMap(dev.parley.routing.RoutingException.class, e -> "invalid_settings".equals(e.code())
                        ? ApiProblems.invalidField("teamId", "teamId must be a team of this account") : e)
                .flatMap(saved -> audit.record(admin.accountId(), admin.agentId(), "queue_settings.updated", "site", siteId,
                                ApiProblems.auditDetails("policy", saved.policy(), "teamId", saved.teamId(),
                                        "maxChatsPerAgent", saved.maxChatsPerAgent(), "queueTimeoutSeconds", saved.queueTimeout().getSeconds(),
                                        "noReplyTimeoutSeconds", saved.noReplyTimeout() == null ? null : saved.noReplyTimeout().getSeconds(),
                                        "autoCloseMinutes", saved.autoClose() == null ? null : saved.autoClose().toMinutes(),
                                        "maxQueueLength", saved.maxQueueLength(),
                                        "businessHours", saved.businessHours() == null ? null : saved.businessHours().zone()))
                        .thenReturn(SettingsView.of(saved)));
    }

    private static Mono<Void> requireSite(String siteId) {
        return Ids.isWellFormed(siteId) ? Mono.empty() : Mono.error(ApiProblems.notFound("site"));
    }

    private static String hhmm(java.time.LocalTime time) {
        return String.format("%02d:%02d", time.getHour(), time.getMinute());
    }
}
