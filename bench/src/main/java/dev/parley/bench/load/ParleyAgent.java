package dev.parley.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketConnector;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import io.rsocket.util.DefaultPayload;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * An agent console's connection: RSocket over WebSocket at {@code /rsocket}, the bearer token in
 * the set-up frame, JSON data and a route per request (docs/protocol.md). The upgrade carries the
 * console's own {@code Origin}, as a browser on the console page does.
 */
final class ParleyAgent {

    /** Requests that failed, by the error's code: every refusal is counted. */
    static final Map<String, LongAdder> ERRORS = new ConcurrentHashMap<>();

    private static final Map<String, byte[]> ROUTES = new ConcurrentHashMap<>();

    private final RSocket rsocket;
    private final Map<String, Long> lastSeqs = new ConcurrentHashMap<>();
    private volatile Disposable inbox;
    final String name;

    private ParleyAgent(RSocket rsocket, String name) {
        this.rsocket = rsocket;
        this.name = name;
    }

    static Mono<ParleyAgent> connect(int port, String source, String token, String name) {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        CompositeByteBuf setup = alloc.compositeBuffer();
        CompositeMetadataCodec.encodeAndAddMetadata(setup, alloc, WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION,
                AuthMetadataCodec.encodeBearerMetadata(alloc, token.toCharArray()));
        byte[] setupMetadata = ByteBufUtil.getBytes(setup);
        setup.release();
        String origin = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newConnection()
                .baseUrl(origin)
                .bindAddress(() -> new java.net.InetSocketAddress(source, 0))
                .headers(h -> h.set("Origin", origin));
        return RSocketConnector.create()
                .metadataMimeType(WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString())
                .dataMimeType("application/json")
                .setupPayload(DefaultPayload.create(Unpooled.EMPTY_BUFFER, Unpooled.wrappedBuffer(setupMetadata)))
                .keepAlive(Duration.ofSeconds(20), Duration.ofSeconds(90))
                .connect(WebsocketClientTransport.create(http, "/rsocket"))
                .map(rsocket -> new ParleyAgent(rsocket, name));
    }

    /**
     * Signs the agents ({@code [email, password]} pairs) in over REST, connects each, opens its
     * inbox and sets it online. Blocks: set-up code of the load generator. Four sign-ins at a time:
     * Parley counts sign-ins in flight from one address against its limit of five failures.
     */
    static List<ParleyAgent> signIn(int port, List<List<String>> logins, Addresses addresses, Consumer<String> onEvent,
            Consumer<Throwable> onInboxEnd) {
        Http http = new Http(port);
        List<ParleyAgent> agents = reactor.core.publisher.Flux.fromIterable(logins)
                .flatMapSequential(login -> http.post("/api/v1/auth/login", null, Map.of("email", login.get(0), "password", login.get(1)))
                        .flatMap(session -> connect(port, addresses.next(), session.path("accessToken").asString(),
                                session.path("agent").path("displayName").asString(login.get(0)))), 4)
                .collectList().block(Duration.ofMinutes(2));
        agents.forEach(agent -> agent.openInbox(onEvent, onInboxEnd));
        reactor.core.publisher.Flux.fromIterable(agents).flatMap(a -> a.request("status.set", "{\"status\":\"online\"}"), 8)
                .then().block(Duration.ofMinutes(1));
        return agents;
    }

    /**
     * Opens the inbox, taking batch frames as the console does; every event's JSON goes to
     * {@code onEvent}, on the connection's event loop.
     * When the server ends it with {@code slow_consumer}, the inbox is opened again with the last
     * seq held of each conversation, as the console does, so nothing is lost; every end is reported
     * to {@code onEnd}.
     */
    void openInbox(Consumer<String> onEvent, Consumer<Throwable> onEnd) {
        String cursors = lastSeqs.entrySet().stream().limit(500)
                .map(e -> "{\"conversationId\":\"" + e.getKey() + "\",\"lastSeq\":" + e.getValue() + "}")
                .collect(java.util.stream.Collectors.joining(",", "{\"batches\":true,\"cursors\":[", "]}"));
        inbox = rsocket.requestStream(payload("inbox", cursors))
                .subscribe(p -> {
                    try {
                        InboxFrames.split(p.getDataUtf8(), event -> {
                            track(event);
                            onEvent.accept(event);
                        });
                    }
                    finally {
                        p.release();
                    }
                }, error -> {
                    onEnd.accept(error);
                    if (code(error).equals("slow_consumer") && !rsocket.isDisposed()) {
                        openInbox(onEvent, onEnd);
                    }
                }, () -> onEnd.accept(new IllegalStateException("inbox completed")));
    }

    /** Keeps the last seq of each conversation's messages, from the event's leading fields. */
    private void track(String event) {
        if (!event.startsWith("{\"type\":\"message\",\"conversationId\":\"")) {
            return;
        }
        int idStart = 36;
        int idEnd = event.indexOf('"', idStart);
        int seqAt = event.indexOf("\"seq\":", idEnd);
        if (idEnd < 0 || seqAt < 0) {
            return;
        }
        long seq = 0;
        for (int i = seqAt + 6; i < event.length() && Character.isDigit(event.charAt(i)); i++) {
            seq = seq * 10 + (event.charAt(i) - '0');
        }
        lastSeqs.merge(event.substring(idStart, idEnd), seq, Math::max);
    }

    /** A request-response; completes with the response's JSON. */
    Mono<String> request(String route, String json) {
        return rsocket.requestResponse(payload(route, json)).map(p -> {
            try {
                return p.getDataUtf8();
            }
            finally {
                p.release();
            }
        });
    }

    /** Sends a message, counting a refusal by its code instead of failing. */
    void send(String conversationId, String clientMsgId, String body) {
        request("conversations.send", "{\"conversationId\":\"" + conversationId + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"body\":\"" + body + "\"}")
                .subscribe(null, error -> ERRORS.computeIfAbsent(code(error), c -> new LongAdder()).increment());
    }

    void close() {
        Disposable d = inbox;
        if (d != null) {
            d.dispose();
        }
        rsocket.dispose();
    }

    /** The {@code code} of an application error's JSON message, or the error's class. */
    static String code(Throwable error) {
        String message = String.valueOf(error.getMessage());
        int at = message.indexOf("\"code\":\"");
        if (at >= 0) {
            int end = message.indexOf('"', at + 8);
            return end > at ? message.substring(at + 8, end) : message;
        }
        return error.getClass().getSimpleName();
    }

    private static Payload payload(String route, String json) {
        byte[] metadata = ROUTES.computeIfAbsent(route, ParleyAgent::routing);
        return DefaultPayload.create(json.getBytes(StandardCharsets.UTF_8), metadata);
    }

    private static byte[] routing(String route) {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        CompositeByteBuf composite = alloc.compositeBuffer();
        ByteBuf tags = TaggingMetadataCodec.createRoutingMetadata(alloc, List.of(route)).getContent();
        CompositeMetadataCodec.encodeAndAddMetadata(composite, alloc, WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, tags);
        byte[] bytes = ByteBufUtil.getBytes(composite);
        composite.release();
        return bytes;
    }
}
