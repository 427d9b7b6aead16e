package dev.parley;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Site;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import dev.parley.testing.WidgetClient;
import dev.parley.testing.WidgetSessions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node shutting down (what SIGTERM does: the context closes) tells its visitors to reconnect
 * elsewhere with 1001, refuses new sockets with 503, closes its consoles' connections, hands its
 * presence leases to the grace period, and is done well inside the shutdown phase timeout; the
 * visitor resumes on the other node with nothing lost.
 */
class GracefulShutdownTests {

    static final String ORIGIN = "https://shop.example";
    static final Duration WAIT = Duration.ofSeconds(15);
    /** application.yml's spring.lifecycle.timeout-per-shutdown-phase. */
    static final Duration PHASE_TIMEOUT = Duration.ofSeconds(20);

    static Map<String, Object> backend;

    @BeforeAll
    static void backend() {
        backend = TestBackend.selected();
    }

    @Test
    void aNodeShuttingDownSendsEveryoneElsewhereAndReleasesItsLeases() throws Exception {
        ConfigurableApplicationContext leaving = Nodes.start(backend);
        int leavingPort = port(leaving);
        Fixtures fixtures = new Fixtures(leaving);
        dev.parley.site.Account account = fixtures.account("Acme");
        Site site = fixtures.site(account, ORIGIN);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        String accessToken = AgentClient.login(http(leavingPort), alice.email(), "password-Alice");
        String visitorToken = WidgetSessions.newToken(http(leavingPort), site.siteKey(), ORIGIN);

        AgentClient console = AgentClient.connect(leavingPort, accessToken);
        console.call("status.set", Map.of("status", "online"));
        WidgetClient widget = WidgetClient.connect(leavingPort, site.siteKey(), ORIGIN);
        widget.send(Map.of("type", "hello", "token", visitorToken));
        widget.await("welcome", WAIT);
        widget.send(Map.of("type", "start", "prechat", Map.of(), "clientMsgId", "v-1", "body", "Hello?"));
        String conversationId = widget.await("started", WAIT).path("conversation").path("id").asString();
        long lastSeq = widget.await(f -> "message".equals(f.path("type").asString()) && "v-1".equals(f.path("clientMsgId").asString()), WAIT)
                .path("seq").asLong();

        Instant began = Instant.now();
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(leaving::close);
        assertThat(widget.closeCode(WAIT)).as("the widget is told to reconnect").isEqualTo(1001);
        console.onClose().block(WAIT);
        shutdown.get(PHASE_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(Duration.between(began, Instant.now())).isLessThan(PHASE_TIMEOUT);

        // The node that takes over starts after the other closed: in-JVM nodes share Reactor Netty's
        // global event loops, which a closing context disposes (separate processes, as in
        // dev.parley.faults, do not).
        ConfigurableApplicationContext stays = Nodes.start(backend);
        List<Instant> leases = stays.getBean(DatabaseClient.class)
                .sql("SELECT expires_at FROM presence_leases WHERE agent_id = :agent").bind("agent", alice.id())
                .map(row -> dev.parley.shared.Times.fromDb(row.get("expires_at", java.time.LocalDateTime.class))).all().collectList().block(WAIT);
        assertThat(leases).as("released to the grace period, not renewed, not dropped").isNotEmpty()
                .allSatisfy(at -> assertThat(at).isBefore(Instant.now().plus(Duration.ofSeconds(31))));

        int stayingPort = port(stays);
        try (AgentClient reconnected = AgentClient.connect(stayingPort, accessToken);
                WidgetClient resumed = WidgetClient.connect(stayingPort, site.siteKey(), ORIGIN)) {
            assertThat(reconnected.call("agents.roster", Map.of()).findValues("live").stream().anyMatch(JsonNode::asBoolean)).isTrue();
            resumed.send(Map.of("type", "hello", "token", visitorToken, "conversationId", conversationId, "lastSeq", lastSeq));
            resumed.await("welcome", WAIT);
            resumed.send(Map.of("type", "send", "clientMsgId", "v-2", "body", "Still there?"));
            JsonNode ack = resumed.await("ack", WAIT);
            assertThat(ack.path("seq").asLong()).isGreaterThan(lastSeq);
            assertThat(ack.path("duplicate").asBoolean()).isFalse();
        }
        finally {
            stays.close();
        }
        widget.close();
        console.close();
    }

    /** The drain is what SIGTERM starts first; started alone, the node still listens and answers. */
    @Test
    void whileDrainingNewSocketsAreRefusedWith503AndNewConsolesAreClosed() {
        try (ConfigurableApplicationContext node = Nodes.start(backend)) {
            drainAndCome(node);
        }
    }

    private void drainAndCome(ConfigurableApplicationContext stays) {
        int port = port(stays);
        Fixtures fixtures = new Fixtures(stays);
        dev.parley.site.Account account = fixtures.account("Acme");
        Site site = fixtures.site(account, ORIGIN);
        Agent bob = fixtures.agent(account, "Bob", Role.AGENT);
        String accessToken = AgentClient.login(http(port), bob.email(), "password-Bob");
        SmartLifecycle visitors = stays.getBean("visitorDrain", SmartLifecycle.class);
        SmartLifecycle consoles = stays.getBean("agentDrain", SmartLifecycle.class);
        CompletableFuture<Void> drained = new CompletableFuture<>();
        visitors.stop(() -> consoles.stop(() -> drained.complete(null)));
        try {
            drained.get(PHASE_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(WidgetClient.handshakeStatus(port, site.siteKey(), ORIGIN)).isEqualTo(503);
            try (AgentClient console = AgentClient.connect(port, accessToken)) {
                console.request("agents.roster", Map.of()).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block(WAIT);
                console.onClose().block(WAIT);
            }
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
        finally {
            visitors.start();
            consoles.start();
        }
        assertThat(WidgetClient.handshakeStatus(port, site.siteKey(), ORIGIN)).as("taking sockets again once started").isEqualTo(101);
    }

    static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    static WebTestClient http(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(WAIT).build();
    }
}
