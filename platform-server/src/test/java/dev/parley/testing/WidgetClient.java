package dev.parley.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client of {@code /ws/visitor}, as the widget is: the JDK's own implementation,
 * independent of the server's Netty. Test code: it may wait.
 */
public final class WidgetClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private WidgetClient(int port, String siteKey, String origin, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        headers.forEach(builder::header);
        try {
            this.socket = builder.buildAsync(uri(port, siteKey), new Listener()).join();
        }
        catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Opens a socket; throws when the server refuses the upgrade. */
    public static WidgetClient connect(int port, String siteKey, String origin) {
        return connect(port, siteKey, origin, Map.of());
    }

    /** Opens a socket with more request headers, as a proxy in front of the server adds. */
    public static WidgetClient connect(int port, String siteKey, String origin, Map<String, String> headers) {
        return new WidgetClient(port, siteKey, origin, headers);
    }

    /** The HTTP status the server answers the upgrade with: 101 when it upgraded. */
    public static int handshakeStatus(int port, String siteKey, String origin) {
        return handshakeStatus(port, siteKey, origin, Map.of());
    }

    public static int handshakeStatus(int port, String siteKey, String origin, Map<String, String> headers) {
        try (WidgetClient client = new WidgetClient(port, siteKey, origin, headers)) {
            return 101;
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    public WidgetClient send(String json) {
        socket.sendText(json, true).join();
        return this;
    }

    public WidgetClient send(Object frame) {
        return send(JSON.writeValueAsString(frame));
    }

    public WidgetClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    /** The next frame received, failing after {@code timeout}. */
    public JsonNode next(Duration timeout) {
        JsonNode node = poll(timeout.toNanos());
        if (node == null) {
            throw new AssertionError("No frame within " + timeout + (closeCode.isDone() ? "; closed with " + closeCode.join() : ""));
        }
        return node;
    }

    /**
     * The next frame that is not a routing notice: a queue position, or the offline form's
     * {@code pending}, which routing pushes at any moment after a start, as it decides.
     */
    public JsonNode nextExceptRouting(Duration timeout) {
        return await(node -> !"queue".equals(node.path("type").asString()) && !"pending".equals(node.path("type").asString()), timeout);
    }

    /** Skips frames until one of {@code type} arrives. */
    public JsonNode await(String type, Duration timeout) {
        return await(node -> type.equals(node.path("type").asString()), timeout);
    }

    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode node = left <= 0 ? null : poll(left);
            if (node == null) {
                throw new AssertionError("No matching frame within " + timeout + "; skipped " + skipped
                        + (closeCode.isDone() ? "; closed with " + closeCode.join() : ""));
            }
            if (match.test(node)) {
                return node;
            }
            skipped.add(node);
        }
    }

    /** The close code the server sent, waiting up to {@code timeout}; -1 when the connection broke without one. */
    public int closeCode(Duration timeout) {
        return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean closed() {
        return closeCode.isDone();
    }

    /** Drops the connection without a close handshake, as a lost network does. */
    @Override
    public void close() {
        socket.abort();
    }

    private JsonNode poll(long nanos) {
        try {
            return received.poll(nanos, TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static URI uri(int port, String siteKey) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/visitor" + (siteKey == null ? "" : "?site=" + siteKey));
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
