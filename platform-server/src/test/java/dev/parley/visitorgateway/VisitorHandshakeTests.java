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

/** Who may open the widget socket, and what a socket may reach once open. */
@ParleyIntegrationTest
class VisitorHandshakeTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    Site site;

    @BeforeEach
    void setUp() {
        http = LocalHttp.to(port);
        Fixtures fixtures = new Fixtures(context);
        site = fixtures.site(fixtures.account("Acme"), ORIGIN, "http://localhost:3000");
    }

    @Test
    void missingNullForeignAndLookalikeOriginsAreRefusedBeforeTheUpgrade() {
        for (String origin : new String[] {null, "null", "https://evil.example", "https://shop.example.evil.example",
                "http://shop.example", "https://shop.example:8443", "https://user@shop.example", "https://shop.example/"}) {
            assertThat(WidgetClient.handshakeStatus(port, site.siteKey(), origin)).as("Origin %s", origin).isEqualTo(403);
        }
        assertThat(WidgetClient.handshakeStatus(port, "no-such-site", ORIGIN)).isEqualTo(403);
        assertThat(WidgetClient.handshakeStatus(port, null, ORIGIN)).isEqualTo(403);
        assertThat(WidgetClient.handshakeStatus(port, site.siteKey(), ORIGIN)).isEqualTo(101);
        assertThat(WidgetClient.handshakeStatus(port, site.siteKey(), "HTTPS://SHOP.EXAMPLE:443")).isEqualTo(101);
    }

    @Test
    void framesBeforeHelloAreRefused() {
        try (WidgetClient client = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            client.send(Map.of("type", "send", "clientMsgId", "m1", "body", "hi"));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("not_authenticated");
        }
    }

    @Test
    void aBadTokenIsRefusedAndTheSocketClosedWithPolicyViolation() {
        try (WidgetClient client = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            client.send(Map.of("type", "hello", "token", "not-a-real-token-" + "x".repeat(30)));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("invalid_token");
            assertThat(client.closeCode(WAIT)).isEqualTo(1008);
        }
    }

    @Test
    void aTokenOfAnotherSiteIsRefused() {
        Fixtures fixtures = new Fixtures(context);
        Site other = fixtures.site(fixtures.account("Other"), "https://other.example");
        String otherToken = WidgetSessions.newToken(http, other.siteKey(), "https://other.example");
        try (WidgetClient client = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            client.send(Map.of("type", "hello", "token", otherToken));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("invalid_token");
            assertThat(client.closeCode(WAIT)).isEqualTo(1008);
        }
    }

    @Test
    void visitorACannotReadResumeOrSendIntoVisitorBsConversation() {
        WidgetSessions.Chat b = WidgetSessions.chat(http, port, site.siteKey(), ORIGIN);
        String tokenA = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);

        try (WidgetClient a = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            a.send(Map.of("type", "hello", "token", tokenA, "conversationId", b.conversationId(), "lastSeq", 0));
            JsonNode welcome = a.await("welcome", WAIT);
            assertThat(welcome.path("conversation").isMissingNode() || welcome.path("conversation").isNull()).isTrue();
            assertThat(a.await("error", WAIT).path("code").asString()).isEqualTo("conversation_not_found");
            a.send(Map.of("type", "send", "clientMsgId", "sneaky", "body", "into B"));
            assertThat(a.await("error", WAIT).path("code").asString()).isEqualTo("no_conversation");
        }
        // Over REST, B's conversation is as missing for A as an id that never existed.
        String missing = http.get().uri("/api/v1/widget/conversations/{id}/messages", "01ARZ3NDEKTSV4RRFFQ69G5FAV")
                .header("Origin", ORIGIN).header("Authorization", "Bearer " + tokenA)
                .exchange().expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody();
        String forbidden = http.get().uri("/api/v1/widget/conversations/{id}/messages", b.conversationId())
                .header("Origin", ORIGIN).header("Authorization", "Bearer " + tokenA)
                .exchange().expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody();
        assertThat(forbidden.replace(b.conversationId(), "ID")).isEqualTo(missing.replace("01ARZ3NDEKTSV4RRFFQ69G5FAV", "ID"));
        http.get().uri("/api/v1/widget/conversations/{id}/messages", b.conversationId())
                .header("Origin", ORIGIN).header("Authorization", "Bearer " + b.token())
                .exchange().expectStatus().isOk();
    }
}
