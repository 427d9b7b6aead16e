package dev.parley.admin.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.parley.audit.AuditLog;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.RequestFields;
import dev.parley.webhook.Delivery;
import dev.parley.webhook.Webhook;
import dev.parley.webhook.WebhookDraft;
import dev.parley.webhook.WebhookEvent;
import dev.parley.webhook.WebhookException;
import dev.parley.webhook.Webhooks;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The account's webhooks and their delivery log. The signing secret is in the answer to creating a
 * webhook and to rotating its secret, and nowhere else.
 */
@RestController
@RequestMapping("/api/v1/admin/webhooks")
class WebhooksApi {

    private final Webhooks webhooks;
    private final AuditLog audit;

    WebhooksApi(Webhooks webhooks, AuditLog audit) {
        this.webhooks = webhooks;
        this.audit = audit;
    }

    /** A webhook as the API shows it; {@code secret} only right after creation or rotation. */
    record View(String id, String url, List<String> events, boolean active, String description, Instant createdAt,
            Instant updatedAt, String secret) {

        static View of(Webhook w, String secret) {
            return new View(w.id(), w.url(), w.events(), w.active(), w.description(), w.createdAt(), w.updatedAt(), secret);
        }
    }

    @GetMapping
    Mono<Page<View>> list(@AuthenticationPrincipal AgentPrincipal admin, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String after) {
        int size = Page.limit(limit);
        return Page.of(size, n -> webhooks.page(admin.accountId(), Page.after(after), n), Webhook::id, w -> View.of(w, null));
    }

    @PostMapping
    Mono<ResponseEntity<View>> create(@AuthenticationPrincipal AgentPrincipal admin, @RequestBody JsonNode body) {
        WebhookDraft draft = draft(body, true);
        return webhooks.create(admin.accountId(), draft)
                .flatMap(created -> audit.record(admin.accountId(), admin.agentId(), "webhook.created", "webhook", created.webhook().id(),
                                ApiProblems.auditDetails("url", created.webhook().url(), "events", String.join(" ", created.webhook().events())))
                        .thenReturn(ResponseEntity.status(HttpStatus.CREATED).body(View.of(created.webhook(), created.secret()))));
    }

    @GetMapping("/{webhookId}")
    Mono<View> get(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String webhookId) {
        return webhook(admin, webhookId).map(w -> View.of(w, null));
    }

    @PatchMapping("/{webhookId}")
    Mono<View> update(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String webhookId, @RequestBody JsonNode body) {
        WebhookDraft draft = draft(body, false);
        return webhook(admin, webhookId)
                .flatMap(w -> webhooks.update(admin.accountId(), w.id(), draft))
                .flatMap(w -> audit.record(admin.accountId(), admin.agentId(), "webhook.updated", "webhook", w.id(),
                        ApiProblems.auditDetails("url", w.url(), "events", String.join(" ", w.events()), "active", w.active()))
                        .thenReturn(View.of(w, null)));
    }

    @DeleteMapping("/{webhookId}")
    Mono<ResponseEntity<Void>> delete(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String webhookId) {
        return webhook(admin, webhookId)
                .flatMap(w -> webhooks.delete(admin.accountId(), w.id())
                        .then(audit.record(admin.accountId(), admin.agentId(), "webhook.deleted", "webhook", w.id(),
                                ApiProblems.auditDetails("url", w.url()))))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** A new signing secret, shown in this answer only; the old one stops working at once. */
    @PostMapping("/{webhookId}/secret/rotate")
    Mono<View> rotate(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String webhookId) {
        return webhook(admin, webhookId)
                .flatMap(w -> webhooks.rotateSecret(admin.accountId(), w.id()))
                .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("webhook")))
                .flatMap(s -> audit.record(admin.accountId(), admin.agentId(), "webhook.secret_rotated", "webhook", s.webhook().id(), null)
                        .thenReturn(View.of(s.webhook(), s.secret())));
    }

    /** The delivery log, newest first; {@code after} is the previous page's {@code next}. */
    @GetMapping("/{webhookId}/deliveries")
    Mono<Page<Delivery>> deliveries(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String webhookId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String after) {
        int size = Page.limit(limit);
        String cursor = Page.after(after);
        return webhook(admin, webhookId).flatMap(w -> Page.of(size, n -> webhooks.deliveries(admin.accountId(), w.id(), cursor, n),
                Delivery::id, d -> d));
    }

    @GetMapping("/{webhookId}/deliveries/{deliveryId}")
    Mono<Delivery> delivery(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String webhookId,
            @PathVariable String deliveryId) {
        return webhooks.delivery(admin.accountId(), webhookId, deliveryId).switchIfEmpty(Mono.error(() -> ApiProblems.notFound("delivery")));
    }

    /** Sends a FAILED delivery again; one that is not FAILED answers 409 {@code not_failed}. */
    @PostMapping("/{webhookId}/deliveries/{deliveryId}/retry")
    Mono<Delivery> retry(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String webhookId, @PathVariable String deliveryId) {
        return delivery(admin, webhookId, deliveryId)
                .flatMap(d -> webhooks.retry(admin.accountId(), webhookId, deliveryId).flatMap(retried -> retried
                        ? audit.record(admin.accountId(), admin.agentId(), "webhook.delivery_retried", "webhook", webhookId,
                                ApiProblems.auditDetails("deliveryId", deliveryId)).then(delivery(admin, webhookId, deliveryId))
                        : Mono.error(ApiProblems.conflict("not_failed", "Only a failed delivery can be retried"))));
    }

    @ExceptionHandler
    ErrorResponseException refused(WebhookException e) {
        if (e.code().equals("invalid_field")) {
            return ApiProblems.invalidField(e.field(), e.getMessage());
        }
        return ApiProblems.conflict(e.code(), e.getMessage());
    }

    private Mono<Webhook> webhook(AgentPrincipal admin, String webhookId) {
        return webhooks.find(admin.accountId(), webhookId).switchIfEmpty(Mono.error(() -> ApiProblems.notFound("webhook")));
    }

    private static WebhookDraft draft(JsonNode body, boolean creating) {
        RequestFields f = RequestFields.of(body);
        String url = f.text("url", Webhooks.MAX_URL, creating);
        List<String> names = f.strings("events", WebhookEvent.values().length, 64);
        Set<WebhookEvent> events = null;
        if (names != null) {
            events = EnumSet.noneOf(WebhookEvent.class);
            for (int i = 0; i < names.size(); i++) {
                var event = WebhookEvent.fromWire(names.get(i));
                if (event.isEmpty()) {
                    f.fail("events[" + i + "]", "events[" + i + "] must be one of conversation.created, conversation.assigned,"
                            + " conversation.closed, message.created");
                }
                else {
                    events.add(event.get());
                }
            }
        }
        else if (creating) {
            f.fail("events", "events is required");
        }
        Boolean active = f.bool("active");
        String description = f.text("description", Webhooks.MAX_DESCRIPTION, false);
        f.check();
        return new WebhookDraft(url, events, active, description);
    }
}
