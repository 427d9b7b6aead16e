package dev.parley.webhook;

import java.util.Set;

/**
 * What an admin sets on a webhook; for an update, a null field is left as it is.
 *
 * @param events the events to receive, at least one
 */
public record WebhookDraft(String url, Set<WebhookEvent> events, Boolean active, String description) {
}
