/**
 * Webhooks: an account's HTTP endpoints that are told when conversations are created, assigned and
 * closed and when messages are posted.
 *
 * <p>Delivery is at least once. The node where an event happens writes one outbox row per
 * subscribed endpoint; any node claims due rows with a lease, posts them signed with HMAC-SHA256,
 * and retries failures with exponential backoff until an attempt limit. Rows outlive restarts, so a
 * delivery interrupted by a crash is made again once its claim has expired. Receivers deduplicate by
 * the {@code Parley-Delivery} header.
 *
 * <p>Endpoints in private, loopback and link-local ranges are refused unless
 * {@link dev.parley.webhook.WebhookProperties#allowPrivateAddresses()} is set: a webhook URL is
 * chosen by a tenant's admin and must not become a way into the operator's own network.
 */
package dev.parley.webhook;
