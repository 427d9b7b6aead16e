package dev.parley.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A visitor that behaves as the widget does (docs/widget.md, Connection): it reconnects after any
 * close with backoff, resumes with the last seq it holds, resends every unacknowledged message with
 * its original client id, and pages history over REST after {@code truncated}. It records what it
 * was sent and acknowledged, for the checker. Thread-safe; test code.
 */
final class ChatVisitor {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    final String name;
    final String token;
    final String siteKey;
    final String origin;
    private final IntSupplier target;
    private final ScheduledExecutorService timers;
    /** Every seq delivered on a socket, in delivery order, across reconnections. */
    final List<Long> delivered = new ArrayList<>();
    /** Seqs read from history after a truncated resume. */
    final TreeSet<Long> paged = new TreeSet<>();
    final Map<String, Long> acks = new LinkedHashMap<>();
    final Map<String, String> unacked = new LinkedHashMap<>();
    final List<String> violations = new ArrayList<>();
    final List<Long> welcomes = new ArrayList<>();
    /** (nanoTime, lastSeq) each time the visitor's log grew. */
    final List<long[]> progress = new ArrayList<>();
    String conversationId;
    long lastSeq;
    volatile int currentPort;
    int truncations;
    private volatile WebSocket socket;
    private long lastFrameAt = System.nanoTime();
    private int sent;
    private int failures;
    private boolean stopped;

    ChatVisitor(String name, String token, String siteKey, String origin, IntSupplier target, ScheduledExecutorService timers) {
        this.name = name;
        this.token = token;
        this.siteKey = siteKey;
        this.origin = origin;
        this.target = target;
        this.timers = timers;
    }

    synchronized void connect() {
        if (stopped) {
            return;
        }
        int port = target.getAsInt();
        HTTP.newWebSocketBuilder().header("Origin", origin).connectTimeout(Duration.ofSeconds(3))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/visitor?site=" + siteKey), new Listener())
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        reconnectLater();
                        return;
                    }
                    synchronized (this) {
                        socket = ws;
                        currentPort = port;
                        lastFrameAt = System.nanoTime();
                        Map<String, Object> hello = new LinkedHashMap<>(Map.of("type", "hello", "token", token, "lastSeq", lastSeq));
                        if (conversationId != null) {
                            hello.put("conversationId", conversationId);
                        }
                        send(hello);
                    }
                });
    }

    /** Sends a chat message; the first one starts the conversation. */
    synchronized void say(String body) {
        String clientMsgId = name + "-" + (++sent);
        unacked.put(clientMsgId, body);
        if (socket != null && conversationId != null) {
            send(Map.of("type", "send", "clientMsgId", clientMsgId, "body", body));
        }
        else if (socket != null && sent == 1) {
            send(Map.of("type", "start", "prechat", Map.of(), "clientMsgId", clientMsgId, "body", body));
        }
    }

    synchronized void heartbeat(Duration silence) {
        if (socket == null) {
            return;
        }
        if (System.nanoTime() - lastFrameAt > silence.toNanos()) {
            // A socket silent this long is given up, as the widget does; the line may be cut.
            socket.abort();
            socket = null;
            reconnectLater();
            return;
        }
        send(Map.of("type", "ping"));
    }

    synchronized void stop() {
        stopped = true;
        if (socket != null) {
            socket.abort();
        }
    }

    synchronized boolean idle() {
        return unacked.isEmpty();
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized boolean connected() {
        return socket != null;
    }

    private synchronized void onFrame(JsonNode frame) {
        lastFrameAt = System.nanoTime();
        switch (frame.path("type").asString()) {
            case "welcome" -> {
                welcomes.add(System.nanoTime());
                failures = 0;
                JsonNode conversation = frame.path("conversation");
                if (conversationId == null && conversation.has("id")) {
                    conversationId = conversation.path("id").asString();
                }
                resendUnacked();
            }
            case "started" -> {
                if (conversationId == null) {
                    conversationId = frame.path("conversation").path("id").asString();
                    resendUnacked();
                }
            }
            case "ack" -> {
                String id = frame.path("clientMsgId").asString();
                Long earlier = acks.put(id, frame.path("seq").asLong());
                if (earlier != null && earlier != frame.path("seq").asLong()) {
                    violations.add("ack of " + id + " changed seq " + earlier + " -> " + frame.path("seq").asLong());
                }
                unacked.remove(id);
            }
            case "message" -> {
                long seq = frame.path("seq").asLong();
                if (seq <= lastSeq) {
                    violations.add("duplicate or out of order: seq " + seq + " after " + lastSeq);
                }
                else if (seq != lastSeq + 1) {
                    violations.add("gap: seq " + seq + " after " + lastSeq);
                }
                delivered.add(seq);
                lastSeq = Math.max(lastSeq, seq);
                progress.add(new long[] {System.nanoTime(), lastSeq});
            }
            case "truncated" -> {
                truncations++;
                long after = frame.path("afterSeq").asLong();
                long from = frame.path("fromSeq").asLong();
                page(after, from);
                lastSeq = from - 1;
                progress.add(new long[] {System.nanoTime(), lastSeq});
            }
            case "error" -> {
                if (frame.path("retryable").asBoolean() && frame.has("ref")) {
                    String id = frame.path("ref").asString();
                    timers.schedule(() -> resend(id), 500, TimeUnit.MILLISECONDS);
                }
            }
            default -> {
            }
        }
    }

    /** Reads (after, from) from history, as the widget does after {@code truncated}. */
    private void page(long after, long from) {
        long before = from;
        for (int round = 0; round < 100 && before > after + 1; round++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.getAsInt()
                                + "/api/v1/widget/conversations/" + conversationId + "/messages?beforeSeq=" + before + "&limit=100"))
                        .header("Origin", origin).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build();
                JsonNode page = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
                long smallest = before;
                for (JsonNode message : page.path("messages")) {
                    long seq = message.path("seq").asLong();
                    if (seq > after && seq < from && !paged.add(seq)) {
                        violations.add("history repeated seq " + seq);
                    }
                    smallest = Math.min(smallest, seq);
                }
                if (!page.path("hasMore").asBoolean() || smallest >= before) {
                    return;
                }
                before = smallest;
            }
            catch (Exception e) {
                violations.add("history paging failed: " + e);
                return;
            }
        }
    }

    private synchronized void resend(String clientMsgId) {
        String body = unacked.get(clientMsgId);
        if (body != null && socket != null && conversationId != null) {
            send(Map.of("type", "send", "clientMsgId", clientMsgId, "body", body));
        }
    }

    private void resendUnacked() {
        boolean first = true;
        for (Map.Entry<String, String> message : unacked.entrySet()) {
            if (conversationId == null && first) {
                send(Map.of("type", "start", "prechat", Map.of(), "clientMsgId", message.getKey(), "body", message.getValue()));
                return;
            }
            first = false;
            send(Map.of("type", "send", "clientMsgId", message.getKey(), "body", message.getValue()));
        }
    }

    private void send(Map<String, ?> frame) {
        WebSocket current = socket;
        if (current != null) {
            current.sendText(JSON.writeValueAsString(frame), true).exceptionally(error -> null);
        }
    }

    private synchronized void closed(WebSocket which) {
        if (socket == which) {
            socket = null;
            reconnectLater();
        }
    }

    /** 0.5 to 1 s, doubling to 4 s: the widget's backoff with half of each delay random, shortened for a test. */
    private synchronized void reconnectLater() {
        if (stopped) {
            return;
        }
        long base = Math.min(4_000, 1_000L << Math.min(failures++, 2));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        timers.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame = JSON.readTree(partial.toString());
                partial.setLength(0);
                onFrame(frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(webSocket);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(webSocket);
        }
    }
}
