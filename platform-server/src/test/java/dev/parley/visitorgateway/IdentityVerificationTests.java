package dev.parley.visitorgateway;

import java.time.Duration;
import java.util.Map;

import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.WidgetClient;
import dev.parley.testing.WidgetSessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The site vouches for its signed-in users with an HMAC; nobody else can claim to be them. */
@ParleyIntegrationTest
class IdentityVerificationTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Fixtures fixtures;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(context);
        http = LocalHttp.to(port);
    }

    @Test
    void whenVerificationIsRequiredAMissingOrWrongHashIsRefusedAndTheRightOneAccepted() {
        Site site = fixtures.site(fixtures.account("Strict"), true, ORIGIN);
        String token = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        try (WidgetClient client = hello(site, token)) {
            client.send(Map.of("type", "identify", "id", "user-42", "name", "Ann"));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("identity_required");
            client.send(Map.of("type", "identify", "id", "user-42", "hash", fixtures.identityHash(site, "user-43")));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("identity_rejected");
            client.send(Map.of("type", "identify", "id", "user-42", "hash", "0".repeat(64)));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("identity_rejected");
            client.send(Map.of("type", "identify", "id", "user-42", "name", "Ann", "hash", fixtures.identityHash(site, "user-42")));
            JsonNode identified = client.await("identified", WAIT).path("visitor");
            assertThat(identified.path("verified").asBoolean()).isTrue();
            assertThat(identified.path("name").asString()).isEqualTo("Ann");
        }
        http.post().uri("/api/v1/widget/sessions").header("Origin", ORIGIN)
                .bodyValue(Map.of("siteKey", site.siteKey(), "identity", Map.of("id", "user-42")))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("identity_required");
    }

    @Test
    void aVerifiedVisitorsHistoryFollowsThemToAnotherDevice() {
        Site site = fixtures.site(fixtures.account("Acme"), ORIGIN);
        String hash = fixtures.identityHash(site, "user-7");
        String laptop = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        String laptopVisitor;
        String conversationId;
        try (WidgetClient client = hello(site, laptop)) {
            client.send(Map.of("type", "identify", "id", "user-7", "name", "Bo", "hash", hash));
            laptopVisitor = client.await("identified", WAIT).path("visitor").path("id").asString();
            client.send(Map.of("type", "start", "clientMsgId", "l-1", "body", "Started on my laptop"));
            conversationId = client.await("started", WAIT).path("conversation").path("id").asString();
            client.await("ack", WAIT);
        }

        String phone = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        try (WidgetClient client = hello(site, phone)) {
            client.send(Map.of("type", "identify", "id", "user-7", "hash", hash));
            assertThat(client.await("identified", WAIT).path("visitor").path("id").asString()).isEqualTo(laptopVisitor);
            assertThat(client.await("started", WAIT).path("conversation").path("id").asString()).isEqualTo(conversationId);
            assertThat(client.await("message", WAIT).path("body").asString()).isEqualTo("Started on my laptop");
        }
        JsonNode session = http.post().uri("/api/v1/widget/sessions").header("Origin", ORIGIN)
                .bodyValue(Map.of("siteKey", site.siteKey(), "token", phone)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(session.path("visitor").path("id").asString()).isEqualTo(laptopVisitor);
        assertThat(session.path("conversation").path("id").asString()).isEqualTo(conversationId);
    }

    @Test
    void anUnverifiedClaimToTheSameIdNeverReachesTheirHistory() {
        Site site = fixtures.site(fixtures.account("Acme"), ORIGIN);
        String owner = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        String ownerId;
        try (WidgetClient client = hello(site, owner)) {
            client.send(Map.of("type", "identify", "id", "user-9", "hash", fixtures.identityHash(site, "user-9")));
            ownerId = client.await("identified", WAIT).path("visitor").path("id").asString();
            client.send(Map.of("type", "start", "clientMsgId", "o-1", "body", "my order number is 1234"));
            client.await("ack", WAIT);
        }
        String impostor = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        try (WidgetClient client = hello(site, impostor)) {
            client.send(Map.of("type", "identify", "id", "user-9", "name", "Not Really"));
            JsonNode identified = client.await("identified", WAIT).path("visitor");
            assertThat(identified.path("id").asString()).isNotEqualTo(ownerId);
            assertThat(identified.path("verified").asBoolean()).isFalse();
            client.send(Map.of("type", "ping"));
            assertThat(client.nextExceptRouting(WAIT).path("type").asString()).as("no conversation of the owner arrives").isEqualTo("pong");
        }
    }

    private WidgetClient hello(Site site, String token) {
        WidgetClient client = WidgetClient.connect(port, site.siteKey(), ORIGIN);
        client.send(Map.of("type", "hello", "token", token));
        client.await("welcome", WAIT);
        return client;
    }
}
