package dev.parley.visitorgateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.WidgetClient;
import dev.parley.testing.WidgetSessions;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open socket is not an HTTP request in progress: a visitor's upgrade request is not observed
 * (its observation would last, and hold its contexts, for the socket's whole life), while ordinary
 * requests still are.
 */
@ParleyIntegrationTest
@Import(SocketObservationTests.Recorder.class)
class SocketObservationTests {

    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Recorder recorder;

    @Test
    void theVisitorSocketIsNotObservedButRequestsStillAre() throws Exception {
        Fixtures fixtures = new Fixtures(context);
        Site site = fixtures.site(fixtures.account("Acme"), ORIGIN);
        WebTestClient http = LocalHttp.to(port);
        String token = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        try (WidgetClient visitor = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            visitor.send(Map.of("type", "hello", "token", token));
            assertThat(visitor.await("welcome", Duration.ofSeconds(5))).isNotNull();

            assertThat(recorder.started).contains("/api/v1/widget/sessions").doesNotContain("/ws/visitor");
        }
    }

    /** Records the path of every HTTP server observation that starts. */
    @TestConfiguration
    static class Recorder implements ObservationHandler<ServerRequestObservationContext> {

        final List<String> started = new CopyOnWriteArrayList<>();

        @Override
        public void onStart(ServerRequestObservationContext context) {
            started.add(context.getCarrier().getPath().value());
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof ServerRequestObservationContext;
        }
    }
}
