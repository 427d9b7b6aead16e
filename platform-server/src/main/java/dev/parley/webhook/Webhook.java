package dev.parley.webhook;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint of an account. The signing secret is never part of it: it is shown once, in
 * {@link WebhookSecret}.
 *
 * @param events the wire names of the events it receives
 */
public record Webhook(String id, String accountId, String url, List<String> events, boolean active, String description,
        Instant createdAt, Instant updatedAt) {

    public Webhook {
        events = List.copyOf(events);
    }
}
