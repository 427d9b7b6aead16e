package dev.parley.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.parley.shared.Ids;
import dev.parley.webhook.WebhookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Sends due deliveries: claims a batch, posts each to its endpoint, and records the outcome. A 2xx
 * answer delivers; anything else, a timeout or a refused address is retried after
 * {@code initialBackoff × 2^(attempts−1)}, capped at {@code maxBackoff}, until {@code maxAttempts}.
 *
 * <p>Each request carries {@code Parley-Event}, {@code Parley-Delivery} (the same on every attempt,
 * for deduplication), {@code Parley-Timestamp} (Unix seconds of this attempt) and
 * {@code Parley-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryRepository deliveries;
    private final WebhookRepository webhooks;
    private final WebClient client;
    private final AddressGuard guard;
    private final WebhookProperties properties;
    private final Clock clock;
    private final String node = "node-" + Ids.next();

    Dispatcher(DeliveryRepository deliveries, WebhookRepository webhooks, WebClient client, AddressGuard guard,
            WebhookProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.client = client;
        this.guard = guard;
        this.properties = properties;
        this.clock = clock;
    }

    /** One poll: completes with how many deliveries it attempted, once each outcome is recorded. Never fails. */
    Mono<Integer> poll() {
        Instant now = clock.instant();
        String token = node + ":" + Ids.next(clock);
        return deliveries.claim(token, now, now.plus(properties.claimLease()), properties.batchSize())
                .flatMap(claimed -> attempt(claimed, token), properties.concurrency())
                .count()
                .map(Long::intValue)
                .onErrorResume(e -> {
                    log.warn("Webhook poll failed; the next one retries: {}", e.toString());
                    return Mono.just(0);
                });
    }

    private Mono<Void> attempt(DeliveryRepository.Claimed claimed, String token) {
        return webhooks.target(claimed.webhookId())
                .flatMap(target -> {
                    if (!target.active()) {
                        return fail(claimed, token, null, "The webhook is inactive", true);
                    }
                    String refusal = guard.refusal(target.url());
                    if (refusal != null) {
                        return fail(claimed, token, null, refusal, false);
                    }
                    return send(target, claimed)
                            .flatMap(status -> status >= 200 && status < 300
                                    ? deliveries.delivered(claimed, token, status, clock.instant())
                                    : fail(claimed, token, status, "The endpoint answered " + status, false))
                            .onErrorResume(e -> fail(claimed, token, null, describe(e), false));
                })
                .onErrorResume(e -> {
                    log.warn("Recording webhook delivery {} failed; it is retried when its claim expires: {}", claimed.id(), e.toString());
                    return Mono.empty();
                });
    }

    private Mono<Integer> send(WebhookRepository.Target target, DeliveryRepository.Claimed claimed) {
        byte[] body = claimed.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        Duration limit = properties.connectTimeout().plus(properties.responseTimeout()).plusSeconds(1);
        return client.post().uri(java.net.URI.create(target.url()))
                .contentType(MediaType.APPLICATION_JSON)
                .header("User-Agent", "Parley-Webhooks/1")
                .header("Parley-Event", claimed.eventType())
                .header("Parley-Delivery", claimed.id())
                .header("Parley-Timestamp", Long.toString(timestamp))
                .header("Parley-Signature", "v1=" + Signer.sign(target.secret(), timestamp, body))
                .bodyValue(body)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(limit);
    }

    private Mono<Void> fail(DeliveryRepository.Claimed claimed, String token, Integer status, String error, boolean giveUp) {
        int attempts = claimed.attempts() + 1;
        boolean last = giveUp || attempts >= properties.maxAttempts();
        return deliveries.failed(claimed, token, status, error, clock.instant().plus(backoff(attempts)), last);
    }

    /** The wait after the {@code attempts}-th failure. */
    Duration backoff(int attempts) {
        Duration wait = properties.initialBackoff();
        for (int i = 1; i < attempts && wait.compareTo(properties.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    /** What the delivery log shows: the kind of failure, never a stack trace. */
    private static String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "No answer within the timeout";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "Request failed: " + message;
    }
}
