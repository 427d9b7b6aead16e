package dev.parley.testing;

import java.util.Map;

import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Creates visitors the way the widget does, through {@code POST /api/v1/widget/sessions}. */
public final class WidgetSessions {

    private WidgetSessions() {
    }

    /** A new visitor's token. */
    public static String newToken(WebTestClient http, String siteKey, String origin) {
        JsonNode body = http.post().uri("/api/v1/widget/sessions")
                .header("Origin", origin)
                .bodyValue(Map.of("siteKey", siteKey, "pageUrl", "https://shop.example/pricing"))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return body.get("token").asString();
    }

    /** A visitor with a started conversation: their token and the conversation id. */
    public static Chat chat(WebTestClient http, int port, String siteKey, String origin) {
        String token = newToken(http, siteKey, origin);
        try (WidgetClient client = WidgetClient.connect(port, siteKey, origin)) {
            client.send(Map.of("type", "hello", "token", token));
            client.await("welcome", java.time.Duration.ofSeconds(10));
            client.send(Map.of("type", "start", "prechat", Map.of()));
            String id = client.await("started", java.time.Duration.ofSeconds(10)).path("conversation").path("id").asString();
            return new Chat(token, id);
        }
    }

    public record Chat(String token, String conversationId) {
    }
}
