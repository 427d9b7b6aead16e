package dev.parley;

import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@ParleyIntegrationTest
@AutoConfigureWebTestClient
class ApplicationTests {

    @Autowired
    WebTestClient http;

    @Test
    void anUnknownApiPathNeedsAuthenticationAndLeaksNothing() {
        http.get().uri("/api/v1/nothing-here").exchange()
                .expectStatus().isUnauthorized()
                .expectBody(String.class).value(body -> assertThat(body == null ? "" : body).doesNotContain("Exception", "at dev.parley"));
    }

    @Test
    void healthIsUpWithLivenessAndReadinessGroups() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP");
        if (TestBackend.redisConfigured()) {
            http.get().uri("/actuator/health").exchange()
                    .expectBody().jsonPath("$.components.redis.status").isEqualTo("UP");
        }
        http.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void infoAndPrometheusAreServed() {
        http.get().uri("/actuator/info").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.app.name").isEqualTo("Parley");
        http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes",
                        "parley_messages_waited_seconds_bucket", "parley_messages_commit_seconds_count{outcome=\"stored\"}"));
    }

    @Test
    void theWidgetScriptIsServedAtTheRoot() {
        http.get().uri("/widget.js").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript")
                .expectBody(String.class).value(body -> assertThat(body).contains("Parley"));
    }

    @Test
    void theConsoleIsServedUnderConsoleWithClientSideRoutes() {
        http.get().uri("/console").exchange()
                .expectStatus().isPermanentRedirect()
                .expectHeader().location("/console/");
        for (String path : new String[] {"/console/", "/console/c/01M80X7QEFE5AYCSGAE45BD13F", "/console/settings/audit-log"}) {
            http.get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader().valueMatches("Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; .*connect-src 'self';.*frame-ancestors 'none'.*")
                    .expectBody(String.class).value(body -> assertThat(body).contains("<div id=\"app\"", "/console/assets/"));
        }
    }
}
