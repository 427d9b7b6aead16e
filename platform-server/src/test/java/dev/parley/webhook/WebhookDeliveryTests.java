package dev.parley.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.parley.agent.Role;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.MessageKind;
import dev.parley.conversation.PostCommand;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import dev.parley.testing.HookReceiver;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.parley.testing.AdminHttp.ok;
import static dev.parley.testing.AdminHttp.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Webhooks against a real HTTP receiver on loopback (allowed here by the named setting). */
@ParleyIntegrationTest
@TestPropertySource(properties = {
        "parley.webhooks.allow-private-addresses=true",
        "parley.webhooks.poll-interval=100ms",
        "parley.webhooks.initial-backoff=200ms",
        "parley.webhooks.max-backoff=1s",
        "parley.webhooks.max-attempts=3",
        "parley.webhooks.subscription-cache-ttl=100ms"})
class WebhookDeliveryTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    Fixtures fixtures;
    Account acme;
    Site site;
    String admin;
    HookReceiver receiver;

    @BeforeEach
    void setUp() {
        http = AdminHttp.http(port);
        fixtures = new Fixtures(context);
        acme = fixtures.account("Acme");
        site = fixtures.site(acme, "https://shop.example");
        admin = AdminHttp.token(http, context, acme.id(), Role.ADMIN);
        receiver = HookReceiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void validationErrorsNameTheField() {
        JsonNode noEvents = problem(post("/api/v1/admin/webhooks", "{\"url\": \"" + receiver.url("/hook") + "\", \"events\": []}"), 400);
        assertThat(noEvents.path("field").asString()).isEqualTo("events");
        JsonNode unknown = problem(post("/api/v1/admin/webhooks",
                "{\"url\": \"" + receiver.url("/hook") + "\", \"events\": [\"message.created\", \"visitor.born\"]}"), 400);
        assertThat(unknown.path("field").asString()).isEqualTo("events[1]");
        JsonNode ftp = problem(post("/api/v1/admin/webhooks", "{\"url\": \"ftp://example.com/x\", \"events\": [\"message.created\"]}"), 400);
        assertThat(ftp.path("field").asString()).isEqualTo("url");
        assertThat(ftp.path("code").asString()).isEqualTo("invalid_field");
    }

    @Test
    void eventsArriveSignedAndTheSecretIsShownOnlyOnce() throws Exception {
        JsonNode created = create(receiver.url("/hook"), "conversation.created", "message.created", "conversation.closed");
        String secret = created.path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        String id = created.path("id").asString();
        assertThat(ok(get("/api/v1/admin/webhooks/" + id)).has("secret")).isFalse();
        assertThat(ok(get("/api/v1/admin/webhooks")).path("items").get(0).has("secret")).isFalse();

        Conversation conversation = fixtures.conversation(site);
        Conversations conversations = context.getBean(Conversations.class);
        conversations.post(new PostCommand(conversation.id(), "m-1", Author.visitor(conversation.visitorId(), "Vera"), MessageKind.TEXT,
                "Hello <b>there</b>", Map.of())).block(WAIT);
        conversations.close(conversation.id(), Author.SYSTEM).block(WAIT);

        await().atMost(WAIT).until(() -> types().containsAll(List.of("conversation.created", "message.created", "conversation.closed")));
        for (HookReceiver.Received r : receiver.received()) {
            long timestamp = Long.parseLong(r.header("Parley-Timestamp"));
            assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(60);
            assertThat(r.header("Parley-Signature")).isEqualTo("v1=" + hmac(secret, timestamp + "." + r.body()));
            assertThat(r.header("Content-Type")).startsWith("application/json");
            JsonNode body = JsonMapper.builder().build().readTree(r.body());
            assertThat(body.path("type").asString()).isEqualTo(r.header("Parley-Event"));
            assertThat(body.path("accountId").asString()).isEqualTo(acme.id());
            assertThat(body.path("data").path("conversationId").asString()).isEqualTo(conversation.id());
        }
        HookReceiver.Received message = receiver.received().stream().filter(r -> r.header("Parley-Event").equals("message.created"))
                .filter(r -> r.body().contains("\"TEXT\"")).findFirst().orElseThrow();
        JsonNode data = JsonMapper.builder().build().readTree(message.body()).path("data");
        assertThat(data.path("body").asString()).isEqualTo("Hello <b>there</b>");
        assertThat(data.path("seq").asLong()).isPositive();
        assertThat(data.path("author").path("kind").asString()).isEqualTo("VISITOR");

        // A signature under another secret does not verify.
        HookReceiver.Received any = receiver.received().get(0);
        assertThat(any.header("Parley-Signature")).isNotEqualTo("v1=" + hmac("whsec_other", any.header("Parley-Timestamp") + "." + any.body()));

        // The delivery log shows every one of them delivered.
        JsonNode log = ok(get("/api/v1/admin/webhooks/" + id + "/deliveries"));
        assertThat(log.path("items").size()).isEqualTo(receiver.received().size());
        log.path("items").forEach(d -> {
            assertThat(d.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(d.path("attempts").asInt()).isEqualTo(1);
            assertThat(d.path("lastStatus").asInt()).isEqualTo(204);
        });
    }

    @Test
    void failuresAreRetriedWithBackoffWithTheSameDeliveryId() {
        receiver.answer(n -> n < 2 ? 503 : 200);
        String id = create(receiver.url("/hook"), "conversation.created").path("id").asString();
        fixtures.conversation(site);

        await().atMost(WAIT).until(() -> receiver.received().size() >= 3);
        List<HookReceiver.Received> attempts = receiver.received();
        assertThat(attempts).extracting(r -> r.header("Parley-Delivery")).containsOnly(attempts.get(0).header("Parley-Delivery"));
        // Backoff: 200 ms after the first failure, 400 ms after the second.
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery = ok(get("/api/v1/admin/webhooks/" + id + "/deliveries")).path("items").get(0);
            assertThat(delivery.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        });
    }

    @Test
    void aDeliveryThatExhaustsItsAttemptsIsFailedAndCanBeRetriedByTheAdmin() {
        receiver.answer(n -> 500);
        String id = create(receiver.url("/hook"), "conversation.created").path("id").asString();
        fixtures.conversation(site);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery = ok(get("/api/v1/admin/webhooks/" + id + "/deliveries")).path("items").get(0);
            assertThat(delivery.path("status").asString()).isEqualTo("FAILED");
            assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
            assertThat(delivery.path("lastStatus").asInt()).isEqualTo(500);
            assertThat(delivery.path("lastError").asString()).contains("500");
        });
        assertThat(receiver.received()).hasSize(3);
        String deliveryId = ok(get("/api/v1/admin/webhooks/" + id + "/deliveries")).path("items").get(0).path("id").asString();

        receiver.answer(n -> 200);
        assertThat(ok(post("/api/v1/admin/webhooks/" + id + "/deliveries/" + deliveryId + "/retry", null)).path("status").asString())
                .isIn("PENDING", "DELIVERED");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ok(get("/api/v1/admin/webhooks/" + id + "/deliveries/" + deliveryId))
                .path("status").asString()).isEqualTo("DELIVERED"));
        assertThat(problem(post("/api/v1/admin/webhooks/" + id + "/deliveries/" + deliveryId + "/retry", null), 409)
                .path("code").asString()).isEqualTo("not_failed");
    }

    @Test
    void anInactiveWebhookGetsNothingAndChangesAreAudited() {
        String id = create(receiver.url("/hook"), "conversation.created").path("id").asString();
        ok(http.patch().uri("/api/v1/admin/webhooks/" + id).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"active\": false}"));
        // The change applies on this node at once.
        fixtures.conversation(site);
        String rotated = ok(post("/api/v1/admin/webhooks/" + id + "/secret/rotate", null)).path("secret").asString();
        assertThat(rotated).startsWith("whsec_");
        http.delete().uri("/api/v1/admin/webhooks/" + id).header("Authorization", "Bearer " + admin).exchange().expectStatus().isNoContent();
        assertThat(problem(get("/api/v1/admin/webhooks/" + id), 404).path("code").asString()).isEqualTo("not_found");
        assertThat(receiver.received()).isEmpty();

        JsonNode audit = ok(get("/api/v1/admin/audit-log"));
        List<String> actions = audit.path("entries").valueStream().map(e -> e.path("action").asString()).toList();
        assertThat(actions).contains("webhook.created", "webhook.updated", "webhook.secret_rotated", "webhook.deleted");
        assertThat(audit.toString()).doesNotContain(rotated);
    }

    List<String> types() {
        return receiver.received().stream().map(r -> r.header("Parley-Event")).toList();
    }

    JsonNode create(String url, String... events) {
        String list = String.join("\", \"", events);
        return AdminHttp.ok(post("/api/v1/admin/webhooks", "{\"url\": \"" + url + "\", \"events\": [\"" + list + "\"]}"));
    }

    WebTestClient.RequestHeadersSpec<?> get(String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + admin);
    }

    WebTestClient.RequestHeadersSpec<?> post(String path, String body) {
        WebTestClient.RequestBodySpec spec = http.post().uri(path).header("Authorization", "Bearer " + admin);
        return body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
