package dev.parley.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.parley.testing.LocalHttp;
import dev.parley.testing.WidgetClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A visitor driven by the real visitor WebSocket ({@link WidgetClient}), as the widget speaks it:
 * a session over REST (with a name and time zone), then hello, start, send and typing frames.
 * Every frame received is kept, so a test can say what the visitor never got.
 */
final class ChattingVisitor implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String ORIGIN = "https://shop.example";

    private final WidgetClient socket;
    private final List<JsonNode> frames = new ArrayList<>();
    private final String token;
    private final int port;
    private final String siteKey;
    final String conversationId;
    final String visitorId;
    private int sent;

    private ChattingVisitor(int port, String siteKey, String name, String firstMessage) {
        this.port = port;
        this.siteKey = siteKey;
        WebTestClient http = LocalHttp.to(port);
        JsonNode session = http.post().uri("/api/v1/widget/sessions").header("Origin", ORIGIN)
                .bodyValue(Map.of("siteKey", siteKey, "pageUrl", "https://shop.example/shoes", "timeZone", "Europe/Oslo",
                        "identity", Map.of("id", "customer-" + System.nanoTime(), "name", name)))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        token = session.path("token").asString();
        visitorId = session.path("visitor").path("id").asString();
        socket = WidgetClient.connect(port, siteKey, ORIGIN);
        socket.send(Map.of("type", "hello", "token", token));
        await(f -> "welcome".equals(f.path("type").asString()));
        socket.send(Map.of("type", "start", "clientMsgId", "v-0", "body", firstMessage));
        conversationId = await(f -> "started".equals(f.path("type").asString())).path("conversation").path("id").asString();
    }

    /** A visitor who starts a chat with a first message. */
    static ChattingVisitor starts(int port, String siteKey, String name, String firstMessage) {
        return new ChattingVisitor(port, siteKey, name, firstMessage);
    }

    void say(String body) {
        socket.send(Map.of("type", "send", "clientMsgId", "v-" + (++sent), "body", body));
        await(f -> "ack".equals(f.path("type").asString()) && ("v-" + sent).equals(f.path("clientMsgId").asString()));
    }

    void typing(String draft) {
        socket.send(Map.of("type", "typing", "active", true, "draft", draft));
    }

    /** The agent's message with this body, once it arrives. */
    JsonNode awaitAgentMessage(String body) {
        return await(f -> "message".equals(f.path("type").asString()) && "agent".equals(f.path("author").path("kind").asString())
                && body.equals(f.path("body").asString()));
    }

    /** Every frame received so far, and those still arriving within {@code settle}. */
    List<JsonNode> frames(Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                frames.add(socket.next(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000))));
            }
            catch (AssertionError quiet) {
                break;
            }
        }
        return List.copyOf(frames);
    }

    /** The conversation's messages as the visitor's REST history shows them: what the visitor can ever read. */
    List<String> history() {
        WebTestClient http = LocalHttp.to(port);
        JsonNode page = http.get().uri("/api/v1/widget/conversations/" + conversationId + "/messages?limit=100")
                .header("Origin", ORIGIN).header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        return page.path("messages").findValuesAsString("body");
    }

    String siteKey() {
        return siteKey;
    }

    private JsonNode await(Predicate<JsonNode> match) {
        for (JsonNode seen : frames) {
            if (match.test(seen)) {
                return seen;
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = socket.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            frames.add(frame);
            if (match.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("The visitor received no matching frame within " + WAIT + "; got " + frames);
    }

    @Override
    public void close() {
        socket.close();
    }
}
