package dev.parley.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static dev.parley.security.SignedInAgents.WAIT;
import static dev.parley.security.SignedInAgents.access;
import static dev.parley.security.SignedInAgents.login;
import static dev.parley.security.SignedInAgents.refresh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes sharing one database share one signing key, created once even when they start together
 * on an empty database; what one node issues or ends holds on the others and across restarts.
 */
class TwoNodeTokenTests {

    static Map<String, Object> backend;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    /** Both nodes start at once on the empty database: both race to create the key. */
    @BeforeAll
    static void start() {
        backend = TestBackend.selected();
        CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture.supplyAsync(() -> Nodes.start(backend));
        CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture.supplyAsync(() -> Nodes.start(backend));
        nodeA = a.join();
        nodeB = b.join();
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void nodesStartingTogetherOnAnEmptyDatabaseAgreeOnOneKey() {
        List<String> kids = nodeA.getBean(DatabaseClient.class).sql("SELECT kid FROM signing_keys")
                .map(row -> row.get("kid", String.class)).all().collectList().block(WAIT);
        assertThat(kids).hasSize(1);
        assertThat(jwks(nodeA)).isEqualTo(jwks(nodeB)).contains(kids.get(0));
    }

    @Test
    void tokensIssuedByOneNodeWorkOnTheOtherAndOnANodeStartedLater() {
        Agent agent = SignedInAgents.agent(nodeA, SignedInAgents.account(nodeA).id(), Role.AGENT);
        JsonNode tokens = login(http(nodeA), agent.email());
        me(nodeB, access(tokens)).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(agent.id());
        JsonNode refreshed = refresh(http(nodeB), refresh(tokens));

        try (ConfigurableApplicationContext restarted = Nodes.start(backend)) {
            me(restarted, access(tokens)).expectStatus().isOk();
            me(restarted, access(refreshed)).expectStatus().isOk();
            assertThat(jwks(restarted)).isEqualTo(jwks(nodeA));
        }
    }

    @Test
    void aSignOutOnOneNodeIsHonouredByTheOtherWithinFiveSeconds() {
        Agent agent = SignedInAgents.agent(nodeA, SignedInAgents.account(nodeA).id(), Role.AGENT);
        JsonNode tokens = login(http(nodeA), agent.email());
        String sid = TokenClaims.sid(access(tokens));
        AgentSessions onB = nodeB.getBean(AgentSessions.class);
        me(nodeB, access(tokens)).expectStatus().isOk();
        assertThat(onB.isRevoked(sid).block(WAIT)).isFalse();

        http(nodeA).post().uri("/api/v1/auth/logout").header("Authorization", "Bearer " + access(tokens)).exchange()
                .expectStatus().isNoContent();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!onB.isRevoked(sid).block(WAIT) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
        }
        assertThat(onB.isRevoked(sid).block(WAIT)).as("seen on the other node within 5 s").isTrue();
        me(nodeB, access(tokens)).expectStatus().isUnauthorized();
        http(nodeB).post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refreshToken", refresh(tokens))).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void theSignInLimitCountsFailuresOnEveryNode() {
        Agent agent = SignedInAgents.agent(nodeA, SignedInAgents.account(nodeA).id(), Role.AGENT);
        try {
            for (int i = 0; i < 5; i++) {
                http(i % 2 == 0 ? nodeA : nodeB).post().uri("/api/v1/auth/login")
                        .bodyValue(Map.of("email", agent.email(), "password", "wrong")).exchange()
                        .expectStatus().isUnauthorized();
            }
            http(nodeB).post().uri("/api/v1/auth/login").bodyValue(Map.of("email", agent.email(), "password", SignedInAgents.PASSWORD))
                    .exchange().expectStatus().isEqualTo(429);
        }
        finally {
            nodeA.getBean(DatabaseClient.class).sql("DELETE FROM login_attempts").then().block(WAIT);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String jwks(ConfigurableApplicationContext node) {
        return http(node).get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static WebTestClient.ResponseSpec me(ConfigurableApplicationContext node, String accessToken) {
        return http(node).get().uri("/api/v1/me").header("Authorization", "Bearer " + accessToken).exchange();
    }

    private static WebTestClient http(ConfigurableApplicationContext node) {
        return SignedInAgents.http(((WebServerApplicationContext) node).getWebServer().getPort());
    }
}
