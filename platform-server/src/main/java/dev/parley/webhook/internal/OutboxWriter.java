package dev.parley.webhook.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationClosed;
import dev.parley.conversation.ConversationOpened;
import dev.parley.conversation.Message;
import dev.parley.conversation.MessagePosted;
import dev.parley.routing.ConversationAssigned;
import dev.parley.shared.Ids;
import dev.parley.webhook.WebhookEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the outbox rows of each domain event that happens on this node: one per active webhook of
 * the account that receives the event. Application events reach only the node where the event
 * happened, and once, so each event is written once in the cluster.
 *
 * <p>The listener returns at once (it must not block the publisher); the rows are written
 * asynchronously right after the domain change committed. A crash in that instant loses the
 * event's webhook; every later failure is retried by the outbox.
 */
final class OutboxWriter {

    private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);

    private final Subscriptions subscriptions;
    private final DeliveryRepository deliveries;
    private final JsonMapper json;
    private final Clock clock;

    OutboxWriter(Subscriptions subscriptions, DeliveryRepository deliveries, JsonMapper json, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    void on(ConversationOpened event) {
        Conversation c = event.conversation();
        write(c.accountId(), WebhookEvent.CONVERSATION_CREATED, c.id(), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("conversationId", c.id());
            data.put("siteId", c.siteId());
            data.put("visitorId", c.visitorId());
            data.put("teamId", c.teamId());
            data.put("status", c.status().name());
            data.put("prechat", c.prechat());
            data.put("createdAt", c.createdAt().toString());
            return data;
        }).subscribe();
    }

    @EventListener
    void on(ConversationAssigned event) {
        write(event.accountId(), WebhookEvent.CONVERSATION_ASSIGNED, event.conversationId(), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("conversationId", event.conversationId());
            data.put("agentId", event.agentId());
            data.put("agentName", event.agentName());
            data.put("previousAgentId", event.previousAgentId());
            data.put("reason", event.reason());
            data.put("assignedAt", event.assignedAt() == null ? null : event.assignedAt().toString());
            return data;
        }).subscribe();
    }

    @EventListener
    void on(ConversationClosed event) {
        write(event.accountId(), WebhookEvent.CONVERSATION_CLOSED, event.conversationId(), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("conversationId", event.conversationId());
            data.put("siteId", event.siteId());
            data.put("assignedAgentId", event.assignedAgentId());
            data.put("closedBy", author(event.closedBy()));
            data.put("closedAt", event.closedAt() == null ? null : event.closedAt().toString());
            return data;
        }).subscribe();
    }

    @EventListener
    void on(MessagePosted event) {
        Message m = event.message();
        write(event.accountId(), WebhookEvent.MESSAGE_CREATED, m.conversationId(), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("conversationId", m.conversationId());
            data.put("seq", m.seq());
            data.put("kind", m.kind().name());
            data.put("author", author(m.author()));
            data.put("body", m.body());
            data.put("meta", m.meta());
            data.put("createdAt", m.createdAt().toString());
            return data;
        }).subscribe();
    }

    /**
     * Completes once every subscribed webhook's row is stored; never fails (a failure is logged).
     * {@code data} is built only when a webhook wants the event: every message passes here, and
     * most accounts subscribe to none.
     */
    Mono<Void> write(String accountId, WebhookEvent type, String conversationId, Supplier<Map<String, Object>> data) {
        if (subscriptions.noneKnownFor(accountId, type.wireName())) {
            return Mono.empty();
        }
        return subscriptions.receiving(accountId, type.wireName())
                .flatMap(targets -> {
                    if (targets.isEmpty()) {
                        return Mono.<Void>empty();
                    }
                    Instant now = clock.instant();
                    Map<String, Object> envelope = new LinkedHashMap<>();
                    envelope.put("id", Ids.next(clock));
                    envelope.put("type", type.wireName());
                    envelope.put("occurredAt", now.toString());
                    envelope.put("accountId", accountId);
                    envelope.put("data", data.get());
                    String payload = json.writeValueAsString(envelope);
                    return Flux.fromIterable(targets)
                            .concatMap(t -> deliveries.insert(Ids.next(clock), t.id(), accountId, type.wireName(), conversationId,
                                    payload, now))
                            .then();
                })
                .onErrorResume(e -> {
                    log.warn("Could not queue {} webhooks of account {}: {}", type.wireName(), accountId, e.toString());
                    return Mono.empty();
                });
    }

    private static Map<String, Object> author(Author author) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", author.kind().name());
        view.put("id", author.id());
        view.put("name", author.name());
        return view;
    }
}
