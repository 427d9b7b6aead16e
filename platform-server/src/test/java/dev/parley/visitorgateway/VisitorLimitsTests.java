package dev.parley.visitorgateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.conversation.Author;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.PostCommand;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.RawSocket;
import dev.parley.testing.WidgetClient;
import dev.parley.testing.WidgetSessions;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every configured limit of the visitor gateway, each set low so the test reaches it. */
@ParleyIntegrationTest
@TestPropertySource(properties = {
        "parley.visitor-gateway.hello-timeout=1s",
        "parley.visitor-gateway.send-burst=3",
        "parley.visitor-gateway.send-per-second=1",
        "parley.visitor-gateway.max-connections-per-ip=3",
        "parley.visitor-gateway.outbound-buffer-frames=32"})
class VisitorLimitsTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Conversations conversations;

    @Autowired
    MeterRegistry meters;

    WebTestClient http;
    Site site;

    @BeforeEach
    void setUp() {
        http = LocalHttp.to(port);
        Fixtures fixtures = new Fixtures(context);
        site = fixtures.site(fixtures.account("Acme"), ORIGIN);
    }

    @Test
    void aSocketThatNeverSaysHelloIsClosedWithPolicyViolation() {
        try (WidgetClient client = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("hello_timeout");
            assertThat(client.closeCode(WAIT)).isEqualTo(1008);
        }
    }

    @Test
    void oneAddressGetsNoMoreSocketsThanTheLimit() {
        List<WidgetClient> open = new ArrayList<>();
        try {
            await().atMost(WAIT).until(() -> connections() == 0);
            for (int i = 0; i < 3; i++) {
                open.add(WidgetClient.connect(port, site.siteKey(), ORIGIN));
            }
            assertThat(WidgetClient.handshakeStatus(port, site.siteKey(), ORIGIN)).isEqualTo(429);
            open.remove(0).close();
            await().atMost(WAIT).until(() -> connections() == 2);
            open.add(WidgetClient.connect(port, site.siteKey(), ORIGIN));
        }
        finally {
            open.forEach(WidgetClient::close);
        }
    }

    @Test
    void sendingFasterThanTheRateLimitIsRefusedWithARetryableError() {
        String token = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        try (WidgetClient client = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            client.send(Map.of("type", "hello", "token", token));
            client.await("welcome", WAIT);
            client.send(Map.of("type", "start"));
            client.await("started", WAIT);
            for (int i = 0; i < 4; i++) {
                client.send(Map.of("type", "send", "clientMsgId", "burst-" + i, "body", "hello " + i));
            }
            JsonNode error = client.await("error", WAIT);
            assertThat(error.path("code").asString()).isEqualTo("rate_limited");
            assertThat(error.path("retryable").asBoolean()).isTrue();
            assertThat(error.path("ref").asString()).isEqualTo("burst-2");
        }
    }

    @Test
    void aReaderThatStopsReadingIsClosedWhileOtherVisitorsStayFast() throws Exception {
        WidgetSessions.Chat slow = WidgetSessions.chat(http, port, site.siteKey(), ORIGIN);
        WidgetSessions.Chat fast = WidgetSessions.chat(http, port, site.siteKey(), ORIGIN);
        await().atMost(WAIT).until(() -> connections() == 0);
        try (RawSocket stalled = new RawSocket(port, "/ws/visitor?site=" + site.siteKey(), ORIGIN, 4096);
                WidgetClient healthy = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            stalled.sendText("{\"type\":\"hello\",\"token\":\"" + slow.token() + "\",\"conversationId\":\"" + slow.conversationId() + "\"}");
            healthy.send(Map.of("type", "hello", "token", fast.token(), "conversationId", fast.conversationId()));
            healthy.await("welcome", WAIT);
            await().atMost(WAIT).until(() -> connections() == 2);

            // Far more than the socket, the kernel and the 32-frame outbox can hold for a reader that never reads.
            String big = "x".repeat(4_000);
            Flux.range(0, 3_000).concatMap(i -> conversations.post(PostCommand.text(slow.conversationId(), "flood-" + i,
                    Author.agent("01ARZ3NDEKTSV4RRFFQ69G5FAV", "Alice"), big)), 64).then().block(Duration.ofSeconds(60));

            await().atMost(WAIT).until(() -> connections() == 1);
            long started = System.nanoTime();
            healthy.send(Map.of("type", "send", "clientMsgId", "still-fast", "body", "ping"));
            assertThat(healthy.await("ack", WAIT).path("seq").asLong()).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(stalled.drainUntilClosed()).isTrue();
        }
    }

    private double connections() {
        return meters.get("parley.visitor.connections").gauge().value();
    }
}
