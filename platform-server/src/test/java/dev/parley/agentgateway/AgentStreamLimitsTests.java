package dev.parley.agentgateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.parley.agent.Agent;
import dev.parley.agent.AgentStatus;
import dev.parley.agent.Presence;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import io.rsocket.exceptions.ApplicationErrorException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.BaseSubscriber;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The inbox stream honours the console's demand, and a slow console gets a bounded buffer, then a clear error. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.agent-gateway.inbox-buffer=16")
class AgentStreamLimitsTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Presence presence;

    Fixtures fixtures;
    WebTestClient http;
    Account account;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(context);
        http = LocalHttp.to(port);
        account = fixtures.account("Acme");
    }

    @Test
    void theStreamSendsNoMoreThanTheConsoleAskedFor() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Agent bob = fixtures.agent(account, "Bob", Role.AGENT);
        try (AgentClient client = AgentClient.connect(port, login(alice))) {
            Demand demand = new Demand(1);
            client.stream("inbox", Map.of()).subscribe(demand);
            demand.awaitReady();
            toggle(bob, 10);
            demand.more(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> demand.received.size() == 3);
            sleep(500);
            assertThat(demand.received).hasSize(3);
            demand.more(3);
            await().atMost(Duration.ofSeconds(5)).until(() -> demand.received.size() == 6);
            assertThat(demand.received.subList(1, 6)).extracting(e -> e.path("type").asString()).containsOnly("agent.status");
            demand.dispose();
        }
    }

    @Test
    void aConsoleThatStopsReadingGetsAClearErrorInsteadOfUnboundedMemory() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Agent bob = fixtures.agent(account, "Bob", Role.AGENT);
        try (AgentClient client = AgentClient.connect(port, login(alice))) {
            Demand demand = new Demand(2);
            client.stream("inbox", Map.of()).subscribe(demand);
            demand.awaitReady();
            toggle(bob, 200);
            await().atMost(Duration.ofSeconds(10)).until(() -> demand.error.get() != null);
            assertThat(demand.error.get()).isInstanceOf(ApplicationErrorException.class).hasMessageContaining("\"slow_consumer\"");
            assertThat(demand.received).hasSize(2);
        }
    }

    private void toggle(Agent agent, int times) {
        for (int i = 0; i < times; i++) {
            presence.setStatus(account.id(), agent.id(), i % 2 == 0 ? AgentStatus.ONLINE : AgentStatus.AWAY).block(Duration.ofSeconds(5));
        }
    }

    private String login(Agent agent) {
        return AgentClient.login(http, agent.email(), "password-" + agent.displayName());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Requests exactly what the test says, and records what arrives. */
    static final class Demand extends BaseSubscriber<JsonNode> {

        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final long initial;
        volatile boolean completed;

        Demand(long initial) {
            this.initial = initial;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(initial);
        }

        @Override
        protected void hookOnNext(JsonNode value) {
            received.add(value);
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error.set(throwable);
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
        }

        /** Waits for the first frame, which says live delivery has started. */
        void awaitReady() {
            await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
            assertThat(received.get(0).path("type").asString()).isEqualTo("inbox.ready");
        }

        void more(long n) {
            request(n);
        }
    }
}
