package dev.parley.visitorgateway;

import java.time.Duration;
import java.util.Map;

import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.WidgetClient;
import dev.parley.testing.WidgetSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A socket that goes silent is closed; one that keeps its heartbeat stays. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.visitor-gateway.idle-timeout=1500ms")
class VisitorIdleTests {

    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aSilentSocketIsClosedWithGoingAwayWhileAHeartbeatKeepsAnotherOpen() throws Exception {
        Fixtures fixtures = new Fixtures(context);
        Site site = fixtures.site(fixtures.account("Acme"), ORIGIN);
        WebTestClient http = LocalHttp.to(port);
        String token = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        try (WidgetClient silent = WidgetClient.connect(port, site.siteKey(), ORIGIN);
                WidgetClient beating = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            silent.send(Map.of("type", "hello", "token", token));
            beating.send(Map.of("type", "hello", "token", token));
            for (int i = 0; i < 10; i++) {
                Thread.sleep(400);
                beating.send(Map.of("type", "ping"));
            }
            assertThat(silent.closeCode(Duration.ofSeconds(5))).isEqualTo(1001);
            assertThat(beating.closed()).isFalse();
            beating.send(Map.of("type", "ping"));
            assertThat(beating.await("pong", Duration.ofSeconds(5))).isNotNull();
        }
    }
}
