package dev.parley.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST calls the load generator makes to set a run up: visitor sessions and agent sign-ins. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Set-up calls run this many at a time: enough to keep a 2-core server busy, not to flood it. */
    private static final ConnectionProvider POOL = ConnectionProvider.builder("bench-http")
            .maxConnections(64)
            .pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(Duration.ofSeconds(60))
            .build();

    private final HttpClient client;

    Http(int port) {
        this.client = HttpClient.create(POOL).baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30));
    }

    /** POSTs {@code body} as JSON; the response body as JSON, or an error naming the status. */
    Mono<JsonNode> post(String path, String origin, Object body) {
        byte[] bytes = JSON.writeValueAsBytes(body);
        return client.headers(h -> {
                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    if (origin != null) {
                        h.set(HttpHeaderNames.ORIGIN, origin);
                    }
                })
                .post()
                .uri(path)
                .send(ByteBufFlux.fromString(Mono.just(new String(bytes, StandardCharsets.UTF_8))))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(text -> {
                    if (response.status().code() != 200) {
                        throw new IllegalStateException(path + " answered " + response.status().code() + ": " + text);
                    }
                    return JSON.readTree(text);
                }));
    }

    /** GET of a text resource. */
    Mono<byte[]> get(String path) {
        return client.get().uri(path).responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(new byte[0]));
    }
}
