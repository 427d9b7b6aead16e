package dev.parley.agentgateway;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.AgentDraft;
import dev.parley.agent.AgentStatus;
import dev.parley.agent.Agents;
import dev.parley.agent.Presence;
import dev.parley.agent.Role;
import dev.parley.routing.QueueSettings;
import dev.parley.routing.Queues;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.WidgetClient;
import io.rsocket.exceptions.RejectedSetupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static dev.parley.agentgateway.AgentGatewaySecurityTests.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console's look-ups: search, the visitor panel, visitors' names, agents' capacity, and how to
 * sign in. Three visitors: Ann chats with Alice, Ben with Bob, and Cay waits for follow-up.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.agent-gateway.search-max-results=2")
class ConsoleRoutesTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Fixtures fixtures;
    WebTestClient http;
    Account account;
    Site site;
    Agent alice;
    Agent bob;
    Agent sue;
    Visitor ann;
    Visitor ben;
    Visitor cay;

    record Visitor(String id, String conversationId, WidgetClient socket) {
    }

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(context);
        http = LocalHttp.to(port);
        account = fixtures.account("Acme");
        site = fixtures.site(account, ORIGIN);
        alice = fixtures.agent(account, "Alice", Role.AGENT);
        bob = fixtures.agent(account, "Bob", Role.AGENT);
        sue = fixtures.agent(account, "Sue", Role.SUPERVISOR);
        Presence presence = context.getBean(Presence.class);

        fixtures.online(alice);
        ann = visitor("ann-1", "Ann Example", "ann@example.com", "Europe/Oslo", "Where is my order? It says 100%_done");
        presence.setStatus(account.id(), alice.id(), AgentStatus.AWAY).block(WAIT);
        fixtures.online(bob);
        ben = visitor("ben-1", "Ben Other", "ben@example.org", "America/New_York", "I want a refund for my order");
        presence.setStatus(account.id(), bob.id(), AgentStatus.AWAY).block(WAIT);
        cay = visitor("cay-1", "Cay Waiting", "cay@example.net", "Mars/Olympus_Mons", "Is my order lost?");
        ann.socket().send(Map.of("type", "pageView", "url", "https://shop.example/checkout", "title", "Checkout"));
    }

    @AfterEach
    void tearDown() {
        for (Visitor v : List.of(ann, ben, cay)) {
            v.socket().close();
        }
    }

    @Test
    void withoutAValidTokenNoLookUpAnswers() {
        for (String route : new String[] {"conversations.search", "visitors.get", "visitors.list"}) {
            try (AgentClient client = AgentClient.connect(port, null)) {
                assertThatThrownBy(() -> client.call(route, Map.of("query", "order", "visitorId", ann.id(), "visitorIds", List.of(ann.id()))))
                        .as(route)
                        .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(RejectedSetupException.class),
                                e -> assertThat(e).hasRootCauseInstanceOf(RejectedSetupException.class),
                                e -> assertThat(e.getMessage()).containsIgnoringCase("denied"));
            }
        }
        http.get().uri("/api/v1/auth/config").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.password").isEqualTo(true).jsonPath("$.oidc").doesNotExist();
    }

    @Test
    void anotherAccountFindsNothingOfThisOne() {
        Agent stranger = fixtures.agent(fixtures.account("Globex"), "Gus", Role.ADMIN);
        try (AgentClient them = AgentClient.connect(port, login(stranger))) {
            assertThat(them.call("conversations.search", Map.of("query", "order"))).isEmpty();
            assertThat(them.call("conversations.search", Map.of("query", "ann@example.com"))).isEmpty();
            String missing = error(them, "visitors.get", Map.of("visitorId", "01M80X7QEFE5AYCSGAE45BD13F"));
            assertThat(error(them, "visitors.get", Map.of("visitorId", ann.id()))).isEqualTo(missing).contains("\"not_found\"");
            assertThat(them.call("visitors.list", Map.of("visitorIds", List.of(ann.id(), ben.id())))).isEmpty();
        }
    }

    @Test
    void anAgentFindsTheirOwnAndTheWaitingConversationsOnly() {
        try (AgentClient a = AgentClient.connect(port, login(alice))) {
            assertThat(a.call("conversations.search", Map.of("query", "refund"))).as("Ben is Bob's").isEmpty();
            assertThat(ids(a.call("conversations.search", Map.of("query", "ORDER", "limit", 10))))
                    .containsExactlyInAnyOrder(ann.conversationId(), cay.conversationId());
            assertThat(ids(a.call("conversations.search", Map.of("query", "Ann Exa")))).containsExactly(ann.conversationId());
            assertThat(ids(a.call("conversations.search", Map.of("query", "cay@example")))).containsExactly(cay.conversationId());
            assertThat(ids(a.call("conversations.search", Map.of("query", "0%_d")))).as("matched literally").containsExactly(ann.conversationId());
            assertThat(a.call("conversations.search", Map.of("query", "%%"))).as("a wildcard is no wildcard").isEmpty();
            assertThat(a.call("conversations.search", Map.of("query", "__"))).isEmpty();
            assertThat(error(a, "conversations.search", Map.of("query", "o"))).contains("\"invalid_request\"").contains("2 to 200");
            assertThat(error(a, "conversations.search", Map.of("query", "o".repeat(201)))).contains("\"invalid_request\"");

            String missing = error(a, "visitors.get", Map.of("visitorId", "01M80X7QEFE5AYCSGAE45BD13F"));
            assertThat(error(a, "visitors.get", Map.of("visitorId", ben.id()))).isEqualTo(missing).contains("\"not_found\"");
            assertThat(a.call("visitors.list", Map.of("visitorIds", List.of(ann.id(), ben.id(), cay.id()))).findValuesAsString("id"))
                    .containsExactlyInAnyOrder(ann.id(), cay.id());
            assertThat(error(a, "visitors.list", Map.of("visitorIds", Collections.nCopies(201, ann.id())))).contains("\"invalid_request\"");
        }
    }

    @Test
    void aSupervisorSearchesEverythingWithinTheNamedLimit() {
        try (AgentClient s = AgentClient.connect(port, login(sue))) {
            assertThat(ids(s.call("conversations.search", Map.of("query", "refund")))).containsExactly(ben.conversationId());
            assertThat(ids(s.call("conversations.search", Map.of("query", "order", "limit", 50))))
                    .as("search-max-results caps it, newest first").containsExactly(cay.conversationId(), ben.conversationId());
            assertThat(s.call("visitors.get", Map.of("visitorId", ben.id())).path("name").asString()).isEqualTo("Ben Other");
        }
    }

    @Test
    void theVisitorPanelShowsWhoWhereFromAndTheirConversations() {
        try (AgentClient a = AgentClient.connect(port, login(alice))) {
            JsonNode panel = awaitPages(a, ann.id());
            assertThat(panel.path("name").asString()).isEqualTo("Ann Example");
            assertThat(panel.path("email").asString()).isEqualTo("ann@example.com");
            assertThat(panel.path("verified").asBoolean()).isFalse();
            assertThat(panel.path("externalId").asString()).isEqualTo("ann-1");
            assertThat(panel.path("timeZone").asString()).isEqualTo("Europe/Oslo");
            assertThat(panel.path("userAgent").asString()).contains("Chrome/126");
            assertThat(panel.path("referrer").asString()).isEqualTo("https://search.example/?q=shoes");
            assertThat(panel.path("currentUrl").asString()).isEqualTo("https://shop.example/checkout");
            assertThat(panel.path("pages").get(0).path("title").asString()).isEqualTo("Checkout");
            assertThat(panel.path("conversations").findValuesAsString("id")).containsExactly(ann.conversationId());
            assertThat(panel.has("ipAddress")).as("no address is shown").isFalse();

            JsonNode waiting = a.call("visitors.get", Map.of("visitorId", cay.id()));
            assertThat(waiting.path("timeZone").isMissingNode()).as("an unknown zone is not stored").isTrue();
        }
    }

    @Test
    void theRosterShowsEachAgentsCapacity() {
        Agent tom = context.getBean(Agents.class).create(account.id(), new AgentDraft("tom-" + System.nanoTime() + "@example.test", "Tom",
                Role.AGENT, "password-Tom", 2)).block(WAIT);
        QueueSettings five = new QueueSettings(site.id(), QueueSettings.defaults(site.id()).policy(), null, 5,
                QueueSettings.DEFAULT_QUEUE_TIMEOUT, null, null, null, null);
        context.getBean(Queues.class).updateSettings(account.id(), five).block(WAIT);
        try (AgentClient a = AgentClient.connect(port, login(alice))) {
            for (JsonNode colleague : a.call("agents.roster", Map.of())) {
                int expected = colleague.path("agentId").asString().equals(tom.id()) ? 2 : 5;
                assertThat(colleague.path("capacity").asInt()).as(colleague.path("displayName").asString()).isEqualTo(expected);
                if (colleague.path("agentId").asString().equals(alice.id())) {
                    assertThat(colleague.path("openChats").asInt()).isEqualTo(1);
                }
            }
        }
    }

    private JsonNode awaitPages(AgentClient client, String visitorId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode panel;
        do {
            panel = client.call("visitors.get", Map.of("visitorId", visitorId));
        } while (panel.path("pages").isEmpty() && System.nanoTime() < deadline && pause());
        return panel;
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A visitor who identified themselves in the session request and wrote a first message. */
    private Visitor visitor(String externalId, String name, String email, String timeZone, String message) {
        JsonNode session = http.post().uri("/api/v1/widget/sessions").header("Origin", ORIGIN)
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36")
                .bodyValue(Map.of("siteKey", site.siteKey(), "pageUrl", "https://shop.example/pricing",
                        "referrer", "https://search.example/?q=shoes", "timeZone", timeZone,
                        "identity", Map.of("id", externalId, "name", name, "email", email)))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        WidgetClient socket = WidgetClient.connect(port, site.siteKey(), ORIGIN);
        socket.send(Map.of("type", "hello", "token", session.path("token").asString()));
        socket.await("welcome", WAIT);
        socket.send(Map.of("type", "start", "clientMsgId", "first", "body", message));
        String conversationId = socket.await("started", WAIT).path("conversation").path("id").asString();
        socket.await(frame -> frame.path("type").asString().equals("assigned") || frame.path("type").asString().equals("pending"), WAIT);
        return new Visitor(session.path("visitor").path("id").asString(), conversationId, socket);
    }

    private static List<String> ids(JsonNode conversations) {
        return conversations.findValuesAsString("id");
    }

    private String login(Agent agent) {
        return AgentClient.login(http, agent.email(), "password-" + agent.displayName());
    }
}
