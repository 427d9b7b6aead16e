package dev.parley.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.parley.shared.Ids;
import dev.parley.shared.Secrets;
import dev.parley.webhook.internal.DeliveryRepository;
import dev.parley.webhook.internal.WebhookRepository;
import dev.parley.webhook.internal.WebhookAdmin;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An account's webhooks and their delivery log. Every method is scoped to one account: another
 * account's webhook is not found. Refusals are {@link WebhookException}s naming the field.
 */
@Service
public class Webhooks {

    /** The schema's column sizes. */
    public static final int MAX_URL = 2000;
    public static final int MAX_DESCRIPTION = 200;

    private final WebhookRepository repository;
    private final DeliveryRepository deliveries;
    private final WebhookAdmin admin;
    private final TransactionalOperator tx;
    private final WebhookProperties properties;
    private final Clock clock;

    Webhooks(WebhookRepository repository, DeliveryRepository deliveries, WebhookAdmin admin, TransactionalOperator tx,
            WebhookProperties properties, Clock clock) {
        this.repository = repository;
        this.deliveries = deliveries;
        this.admin = admin;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /** Creates an active webhook; the answer carries its signing secret, which is never shown again. */
    public Mono<WebhookSecret> create(String accountId, WebhookDraft draft) {
        return Mono.defer(() -> {
            check(draft, true);
            Instant now = clock.instant();
            Webhook webhook = new Webhook(Ids.next(clock), accountId, draft.url(), names(draft.events()),
                    draft.active() == null || draft.active(), draft.description(), now, now);
            String secret = newSecret();
            return repository.count(accountId).flatMap(count -> count >= properties.maxPerAccount()
                    ? Mono.error(new WebhookException("limit_reached", "url",
                            "An account may have at most " + properties.maxPerAccount() + " webhooks"))
                    : repository.insert(webhook, secret).doOnSuccess(v -> admin.changed(accountId))
                            .thenReturn(new WebhookSecret(webhook, secret)));
        });
    }

    /** Changes what the draft sets; empty when there is no such webhook. */
    public Mono<Webhook> update(String accountId, String id, WebhookDraft draft) {
        return Mono.defer(() -> {
            check(draft, false);
            return find(accountId, id).flatMap(old -> {
                Webhook changed = new Webhook(old.id(), old.accountId(), draft.url() == null ? old.url() : draft.url(),
                        draft.events() == null ? old.events() : names(draft.events()),
                        draft.active() == null ? old.active() : draft.active(),
                        draft.description() == null ? old.description() : draft.description(), old.createdAt(), clock.instant());
                return repository.update(changed).doOnSuccess(v -> admin.changed(accountId)).thenReturn(changed);
            });
        });
    }

    /** A new signing secret, effective for the next attempt of every delivery; empty when there is no such webhook. */
    public Mono<WebhookSecret> rotateSecret(String accountId, String id) {
        String secret = newSecret();
        return repository.setSecret(accountId, id, secret, clock.instant())
                .flatMap(n -> n == 0 ? Mono.<WebhookSecret>empty()
                        : find(accountId, id).map(webhook -> new WebhookSecret(webhook, secret)));
    }

    /** Deletes the webhook and its delivery log; completes with whether it existed. */
    public Mono<Boolean> delete(String accountId, String id) {
        return tx.transactional(repository.delete(accountId, id)).map(n -> n > 0).doOnSuccess(v -> admin.changed(accountId));
    }

    public Mono<Webhook> find(String accountId, String id) {
        return Ids.isWellFormed(id) ? repository.find(accountId, id) : Mono.empty();
    }

    /** By id, after {@code afterId}. */
    public Flux<Webhook> page(String accountId, String afterId, int limit) {
        return repository.page(accountId, afterId, limit);
    }

    /** The webhook's deliveries, newest first, before {@code beforeId}. */
    public Flux<Delivery> deliveries(String accountId, String webhookId, String beforeId, int limit) {
        return deliveries.page(accountId, webhookId, beforeId, limit);
    }

    public Mono<Delivery> delivery(String accountId, String webhookId, String deliveryId) {
        return Ids.isWellFormed(webhookId) && Ids.isWellFormed(deliveryId)
                ? deliveries.find(accountId, webhookId, deliveryId) : Mono.empty();
    }

    /** Sends a FAILED delivery again from now, with a fresh attempt count; completes with whether it was FAILED. */
    public Mono<Boolean> retry(String accountId, String webhookId, String deliveryId) {
        return deliveries.retry(accountId, webhookId, deliveryId, clock.instant()).map(n -> n > 0);
    }

    /** Deletes the outbox rows of these conversations (retention and erasure): their payloads hold messages. */
    public Mono<Void> forgetConversations(List<String> conversationIds) {
        return deliveries.deleteForConversations(conversationIds).then();
    }

    /** Deletes up to {@code limit} finished deliveries older than the delivery-log retention; completes with how many. */
    public Mono<Integer> pruneLog(int limit) {
        return deliveries.pruneFinished(clock.instant().minus(properties.deliveryLogRetention()), limit);
    }

    private void check(WebhookDraft draft, boolean creating) {
        if (creating && (draft.url() == null || draft.url().isBlank())) {
            throw new WebhookException("invalid_field", "url", "url is required");
        }
        if (draft.url() != null) {
            if (draft.url().length() > MAX_URL) {
                throw new WebhookException("invalid_field", "url", "url must be at most " + MAX_URL + " characters");
            }
            String refusal = admin.refusal(draft.url());
            if (refusal != null) {
                throw new WebhookException("invalid_field", "url", refusal);
            }
        }
        if ((creating || draft.events() != null) && (draft.events() == null || draft.events().isEmpty())) {
            throw new WebhookException("invalid_field", "events", "events must name at least one event");
        }
        if (draft.description() != null && draft.description().length() > MAX_DESCRIPTION) {
            throw new WebhookException("invalid_field", "description", "description must be at most " + MAX_DESCRIPTION + " characters");
        }
    }

    private static List<String> names(Set<WebhookEvent> events) {
        return events.stream().sorted().map(WebhookEvent::wireName).toList();
    }

    private static String newSecret() {
        return "whsec_" + Secrets.random(32);
    }
}
