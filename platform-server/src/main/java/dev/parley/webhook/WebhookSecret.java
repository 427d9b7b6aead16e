package dev.parley.webhook;

/** A webhook with its signing secret: what creating one or rotating its secret answers, once. */
public record WebhookSecret(Webhook webhook, String secret) {
}
