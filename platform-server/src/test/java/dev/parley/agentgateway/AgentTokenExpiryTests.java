package dev.parley.agentgateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A console connection lives no longer than its token, unless it renews. */
@ParleyIntegrationTest
// Long enough that two sign-ins (password hashing) fit before the first token expires on a loaded machine.
@TestPropertySource(properties = "parley.security.access-token-lifetime=8s")
class AgentTokenExpiryTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theStreamEndsWithinFiveSecondsOfTheTokensExpiry() {
        Agent alice = fixtures().agent(fixtures().account("Acme"), "Alice", Role.AGENT);
        Instant signedIn = Instant.now();
        try (AgentClient client = AgentClient.connect(port, AgentClient.login(http(), alice.email(), "password-Alice"))) {
            AgentStreamLimitsTests.Demand demand = new AgentStreamLimitsTests.Demand(Long.MAX_VALUE);
            client.stream("inbox", Map.of()).subscribe(demand);
            client.onClose().block(Duration.ofSeconds(20));
            Instant ended = Instant.now();
            assertThat(Duration.between(signedIn, ended)).isLessThan(Duration.ofSeconds(8 + 5)).isGreaterThan(Duration.ofSeconds(7));
            await().atMost(Duration.ofSeconds(2)).until(() -> demand.isDisposed() || demand.error.get() != null || demand.completed);
        }
    }

    @Test
    void aRenewedConnectionOutlivesItsFirstToken() {
        Agent bob = fixtures().agent(fixtures().account("Renew"), "Bob", Role.AGENT);
        WebTestClient http = http();
        String first = AgentClient.login(http, bob.email(), "password-Bob");
        // The first token expires at most one lifetime after it arrived.
        Instant issued = Instant.now();
        try (AgentClient client = AgentClient.connect(port, first)) {
            client.call("conversations.list", Map.of("view", "mine"));
            sleepUntil(issued.plusSeconds(3));
            client.call("session.renew", Map.of("accessToken", AgentClient.login(http, bob.email(), "password-Bob")));
            // A second past the first token's end, and well before the renewed one's (at least issued + 11 s).
            sleepUntil(issued.plusSeconds(9));
            assertThat(client.call("conversations.list", Map.of("view", "mine"))).isEmpty();
        }
    }

    private Fixtures fixtures() {
        return new Fixtures(context);
    }

    private WebTestClient http() {
        return LocalHttp.to(port);
    }

    private static void sleepUntil(Instant moment) {
        try {
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), moment).toMillis()));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
