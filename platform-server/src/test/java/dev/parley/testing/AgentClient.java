package dev.parley.testing;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import org.springframework.http.MediaType;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.security.rsocket.metadata.BearerTokenAuthenticationEncoder;
import org.springframework.security.rsocket.metadata.BearerTokenMetadata;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A real RSocket-over-WebSocket client of {@code /rsocket}, as the console is: the bearer token in
 * the set-up frame's authentication metadata, JSON payloads, routing metadata per request.
 */
public final class AgentClient implements AutoCloseable {

    private static final RSocketStrategies STRATEGIES = RSocketStrategies.builder()
            .encoders(e -> {
                e.add(new BearerTokenAuthenticationEncoder());
                e.add(new JacksonJsonEncoder());
            })
            .decoders(d -> d.add(new JacksonJsonDecoder()))
            .build();

    /** The well-known authentication metadata type, carrying a bearer token. */
    private static final MimeType AUTHENTICATION = MimeTypeUtils.parseMimeType(WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString());

    private final RSocketRequester requester;

    private AgentClient(RSocketRequester requester) {
        this.requester = requester;
    }

    /** Connects with {@code token} (or none when null); the connection opens lazily on the first request. */
    public static AgentClient connect(int port, String token) {
        RSocketRequester.Builder builder = RSocketRequester.builder().rsocketStrategies(STRATEGIES).dataMimeType(MediaType.APPLICATION_JSON);
        if (token != null) {
            builder.setupMetadata(new BearerTokenMetadata(token), AUTHENTICATION);
        }
        // The console's own origin, as a browser on the console's page sends it.
        return new AgentClient(builder.transport(WebsocketClientTransport.create(URI.create("ws://127.0.0.1:" + port + "/rsocket"))
                .header("Origin", "http://127.0.0.1:" + port)));
    }

    /** Signs in over REST and returns the access token. */
    public static String login(WebTestClient http, String email, String password) {
        return http.post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("accessToken").asString();
    }

    public Mono<JsonNode> request(String route, Object payload) {
        return requester.route(route).data(payload == null ? Map.of() : payload).retrieveMono(JsonNode.class);
    }

    /** Sends {@code bytes} as the request's data exactly as given, for malformed input. */
    public Mono<JsonNode> requestBytes(String route, byte[] bytes) {
        return requester.route(route).data(bytes).retrieveMono(JsonNode.class);
    }

    public JsonNode call(String route, Object payload) {
        return request(route, payload).block(Duration.ofSeconds(10));
    }

    public Flux<JsonNode> stream(String route, Object payload) {
        return requester.route(route).data(payload == null ? Map.of() : payload).retrieveFlux(JsonNode.class);
    }

    public Mono<Void> fireAndForget(String route, Object payload) {
        return requester.route(route).data(payload).send();
    }

    /** Completes when the connection closes, from either side; a close with a connection error counts. */
    public Mono<Void> onClose() {
        return requester.rsocketClient().source().flatMap(rsocket -> rsocket.onClose()).onErrorResume(closed -> Mono.empty());
    }

    @Override
    public void close() {
        requester.dispose();
    }
}
