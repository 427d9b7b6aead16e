package dev.parley.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * A visitor of {@code /ws/visitor}, speaking the widget's protocol (docs/protocol.md): hello with
 * the token, start, send, ping. Chat messages from agents are handed to {@link #onAgentMessage}
 * after a cheap scan; every other frame is parsed.
 */
final class ParleyVisitor {

    /** Error frames received, by code: rate limits, overload and the like are counted, never ignored. */
    static final Map<String, LongAdder> ERRORS = new ConcurrentHashMap<>();

    private final Sinks.One<JsonNode> welcome = Sinks.one();
    private final Sinks.One<JsonNode> started = Sinks.one();
    private final Sinks.One<JsonNode> acked = Sinks.one();
    private final Sinks.One<JsonNode> assigned = Sinks.one();
    private volatile Consumer<String> onAgentMessage = frame -> { };
    private volatile boolean firstAcked;
    volatile long lastSeq;
    volatile String conversationId;
    WsConn socket;

    /** Opens a socket from {@code source} and says hello; completes with the welcome frame. */
    static Mono<ParleyVisitor> hello(int port, String source, String siteKey, String origin, String token, String conversationId,
            long lastSeq, Duration timeout) {
        ParleyVisitor visitor = new ParleyVisitor();
        String url = "ws://127.0.0.1:" + port + "/ws/visitor?site=" + siteKey;
        return WsConn.connect(source, url, origin, (conn, text) -> visitor.onFrame(text))
                .flatMap(conn -> {
                    visitor.socket = conn;
                    Map<String, Object> hello = new java.util.LinkedHashMap<>();
                    hello.put("type", "hello");
                    hello.put("token", token);
                    if (conversationId != null) {
                        hello.put("conversationId", conversationId);
                        hello.put("lastSeq", lastSeq);
                    }
                    conn.send(Http.JSON.writeValueAsString(hello));
                    return visitor.welcome.asMono().timeout(timeout).doOnError(e -> conn.close());
                })
                .thenReturn(visitor);
    }

    /** Starts a conversation, optionally with a first message; completes with the conversation id. */
    Mono<String> start(String firstMessage, Duration timeout) {
        Map<String, Object> start = new java.util.LinkedHashMap<>();
        start.put("type", "start");
        start.put("prechat", Map.of());
        if (firstMessage != null) {
            start.put("clientMsgId", "first");
            start.put("body", firstMessage);
        }
        socket.send(Http.JSON.writeValueAsString(start));
        Mono<JsonNode> done = firstMessage == null ? started.asMono() : started.asMono().then(acked.asMono());
        return done.timeout(timeout).then(Mono.fromSupplier(() -> conversationId));
    }

    /** Completes with the agent's name once routing assigned the conversation. */
    Mono<String> assigned(Duration timeout) {
        return assigned.asMono().timeout(timeout).map(frame -> frame.path("agent").path("name").asString());
    }

    void onAgentMessage(Consumer<String> handler) {
        this.onAgentMessage = handler;
    }

    void send(String clientMsgId, String body) {
        socket.send("{\"type\":\"send\",\"clientMsgId\":\"" + clientMsgId + "\",\"body\":\"" + body + "\"}");
    }

    void ping() {
        socket.send("{\"type\":\"ping\"}");
    }

    private void onFrame(String text) {
        if (text.startsWith("{\"type\":\"message\"")) {
            if (text.contains("\"author\":{\"kind\":\"agent\"")) {
                onAgentMessage.accept(text);
            }
            return;
        }
        if (text.startsWith("{\"type\":\"ack\"") && firstAcked) {
            // Acks of the measured traffic: the latency is taken where the message arrives.
            return;
        }
        if (text.startsWith("{\"type\":\"pong\"")) {
            return;
        }
        JsonNode frame = Http.JSON.readTree(text);
        switch (frame.path("type").asString()) {
            case "welcome" -> {
                JsonNode conversation = frame.path("conversation");
                if (conversation.isObject()) {
                    conversationId = conversation.path("id").asString();
                    lastSeq = conversation.path("lastSeq").asLong();
                }
                welcome.tryEmitValue(frame);
            }
            case "started" -> {
                conversationId = frame.path("conversation").path("id").asString();
                started.tryEmitValue(frame);
            }
            case "ack" -> {
                lastSeq = Math.max(lastSeq, frame.path("seq").asLong());
                firstAcked = true;
                acked.tryEmitValue(frame);
            }
            case "assigned" -> assigned.tryEmitValue(frame);
            case "error" -> ERRORS.computeIfAbsent(frame.path("code").asString(), code -> new LongAdder()).increment();
            default -> {
                // queue, pending, read, typing: nothing the benchmark acts on.
            }
        }
    }
}
