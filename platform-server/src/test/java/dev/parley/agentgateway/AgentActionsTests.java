package dev.parley.agentgateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.WidgetClient;
import dev.parley.testing.WidgetSessions;
import io.rsocket.exceptions.ApplicationErrorException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static dev.parley.agentgateway.AgentGatewaySecurityTests.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an agent does to a chat over RSocket, seen from the visitor's socket and the console. */
@ParleyIntegrationTest
class AgentActionsTests {

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

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(context);
        http = LocalHttp.to(port);
        account = fixtures.account("Acme");
        site = fixtures.site(account, ORIGIN);
        alice = fixtures.agent(account, "Alice", Role.AGENT);
    }

    @Test
    void badRequestsGetACodeAndAMessageNeverAStackTrace() {
        try (AgentClient agent = AgentClient.connect(port, login(alice))) {
            assertThatThrownBy(() -> agent.requestBytes("conversations.get", "{not json".getBytes(StandardCharsets.UTF_8)).block(WAIT))
                    .isInstanceOf(ApplicationErrorException.class).hasMessageContaining("\"invalid_request\"");
            for (String unreadable : List.of("{not json", "", "[]", "null", "{\"body\": {}}")) {
                assertThatThrownBy(() -> agent.requestBytes("conversations.send", unreadable.getBytes(StandardCharsets.UTF_8)).block(WAIT))
                        .as(unreadable).isInstanceOf(ApplicationErrorException.class)
                        .hasMessage("{\"code\":\"invalid_request\",\"message\":\"The request could not be read\"}");
            }
            assertThat(error(agent, "conversations.send", Map.of("clientMsgId", "c1", "body", "hi"))).contains("\"not_found\"");
            assertThat(error(agent, "conversations.get", Map.of())).contains("\"not_found\"");
            assertThat(error(agent, "status.set", Map.of("status", "asleep"))).contains("\"invalid_request\"");
            assertThat(error(agent, "conversations.list", Map.of("view", "everything"))).contains("\"invalid_request\"");
            assertThat(error(agent, "no.such.route", Map.of())).doesNotContain("Exception").doesNotContain("at dev.parley");
            assertThat(agent.call("status.set", Map.of("status", "online")).path("status").asString())
                    .as("the connection survives bad requests").isEqualTo("online");
        }
    }

    @Test
    void messagesHaveANamedLengthLimitAndARepeatedSendIsStoredOnce() {
        try (AgentClient agent = AgentClient.connect(port, login(alice)); WidgetClient visitor = chatting(agent)) {
            String id = visitor.await("started", WAIT).path("conversation").path("id").asString();
            visitor.await("assigned", WAIT);
            assertThat(error(agent, "conversations.send", Map.of("conversationId", id, "clientMsgId", "long", "body", "x".repeat(10_001))))
                    .contains("\"invalid_request\"").contains("10000");
            assertThat(error(agent, "conversations.send", Map.of("conversationId", id, "clientMsgId", "bad id!", "body", "hi")))
                    .contains("\"invalid_request\"");

            JsonNode first = agent.call("conversations.send", Map.of("conversationId", id, "clientMsgId", "a1", "body", "x".repeat(10_000)));
            JsonNode again = agent.call("conversations.send", Map.of("conversationId", id, "clientMsgId", "a1", "body", "x".repeat(10_000)));
            assertThat(again.path("seq").asLong()).isEqualTo(first.path("seq").asLong());
            assertThat(again.path("duplicate").asBoolean()).isTrue();
            JsonNode history = agent.call("conversations.history", Map.of("conversationId", id));
            assertThat(history.path("messages").findValuesAsString("clientMsgId")).containsOnlyOnce("a1");
        }
    }

    @Test
    void historyPagesBackwardsFromTheNewestMessage() {
        try (AgentClient agent = AgentClient.connect(port, login(alice)); WidgetClient visitor = chatting(agent)) {
            String id = visitor.await("started", WAIT).path("conversation").path("id").asString();
            visitor.await("assigned", WAIT);
            for (int i = 1; i <= 24; i++) {
                agent.call("conversations.send", Map.of("conversationId", id, "clientMsgId", "m" + i, "body", "reply " + i));
            }
            List<String> bodies = new ArrayList<>();
            Long before = null;
            int pages = 0;
            JsonNode page;
            do {
                page = agent.call("conversations.history", before == null ? Map.of("conversationId", id, "limit", 10)
                        : Map.of("conversationId", id, "limit", 10, "beforeSeq", before));
                List<String> these = page.path("messages").findValuesAsString("body");
                bodies.addAll(0, these);
                before = page.path("messages").get(0).path("seq").asLong();
                pages++;
            } while (page.path("hasMore").asBoolean() && pages < 10);
            assertThat(pages).isEqualTo(3);
            assertThat(bodies).contains("Hello?").endsWith("reply 23", "reply 24");
            assertThat(bodies.stream().filter(b -> b.startsWith("reply "))).hasSize(24);
        }
    }

    @Test
    void closingAndReopeningReachTheVisitorAndNoOtherAgentMayDoIt() {
        Agent bob = fixtures.agent(account, "Bob", Role.AGENT);
        try (AgentClient agent = AgentClient.connect(port, login(alice)); WidgetClient visitor = chatting(agent);
                AgentClient other = AgentClient.connect(port, login(bob))) {
            String id = visitor.await("started", WAIT).path("conversation").path("id").asString();
            visitor.await("assigned", WAIT);
            assertThat(error(other, "conversations.close", Map.of("conversationId", id)))
                    .as("another agent's chat is not theirs to see").contains("\"not_found\"");

            assertThat(agent.call("conversations.close", Map.of("conversationId", id)).path("status").asString()).isEqualTo("closed");
            assertThat(visitor.await("closed", WAIT).path("by").asString()).isEqualTo("agent");
            assertThat(error(agent, "conversations.send", Map.of("conversationId", id, "clientMsgId", "late", "body", "hi")))
                    .contains("\"conversation_closed\"");

            assertThat(agent.call("conversations.reopen", Map.of("conversationId", id)).path("status").asString()).isNotEqualTo("closed");
            assertThat(visitor.await("reopened", WAIT).path("conversation").path("id").asString()).isEqualTo(id);
        }
    }

    @Test
    void aBannedVisitorIsDisconnectedRefusedAfterwardsAndTheBanIsAudited() {
        Agent admin = fixtures.agent(account, "Ada", Role.ADMIN);
        try (AgentClient agent = AgentClient.connect(port, login(alice)); WidgetClient visitor = chatting(agent)) {
            String id = visitor.await("started", WAIT).path("conversation").path("id").asString();
            visitor.await("assigned", WAIT);
            String visitorId = agent.call("conversations.get", Map.of("conversationId", id)).path("visitorId").asString();

            JsonNode banned = agent.call("visitors.ban", Map.of("visitorId", visitorId, "reason", "abuse", "hours", 24));
            assertThat(banned.path("until").isMissingNode() || banned.path("until").isNull()).isFalse();
            assertThat(visitor.await("error", WAIT).path("code").asString()).isEqualTo("banned");
            assertThat(visitor.closeCode(WAIT)).isEqualTo(1008);
            assertThat(agent.call("conversations.get", Map.of("conversationId", id)).path("status").asString()).isEqualTo("closed");
        }
        JsonNode entry = http.get().uri("/api/v1/admin/audit-log?limit=1").header("Authorization", "Bearer " + login(admin))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("entries").get(0);
        assertThat(entry.path("action").asString()).isEqualTo("visitor.banned");
        assertThat(entry.path("actorId").asString()).isEqualTo(alice.id());
        assertThat(entry.path("details").path("reason").asString()).isEqualTo("abuse");
    }

    @Test
    void theRosterShowsColleaguesStatusesAndOpenChats() {
        Agent bob = fixtures.agent(account, "Bob", Role.SUPERVISOR);
        try (AgentClient a = AgentClient.connect(port, login(alice)); AgentClient b = AgentClient.connect(port, login(bob))) {
            a.call("status.set", Map.of("status", "online"));
            b.call("status.set", Map.of("status", "away"));
            JsonNode roster = a.call("agents.roster", Map.of());
            assertThat(roster.findValuesAsString("displayName")).contains("Alice", "Bob");
            for (JsonNode colleague : roster) {
                if (colleague.path("agentId").asString().equals(bob.id())) {
                    assertThat(colleague.path("status").asString()).isEqualTo("away");
                    assertThat(colleague.path("role").asString()).isEqualTo("supervisor");
                    assertThat(colleague.path("live").asBoolean()).isTrue();
                }
            }
            assertThat(a.call("teams.list", Map.of())).isEmpty();
        }
    }

    /** Puts Alice online and has a visitor start a chat, which the queue gives to her. */
    private WidgetClient chatting(AgentClient agent) {
        agent.call("status.set", Map.of("status", "online"));
        String token = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        WidgetClient visitor = WidgetClient.connect(port, site.siteKey(), ORIGIN);
        visitor.send(Map.of("type", "hello", "token", token));
        visitor.await("welcome", WAIT);
        visitor.send(Map.of("type", "start", "clientMsgId", "v1", "body", "Hello?"));
        return visitor;
    }

    private String login(Agent agent) {
        return AgentClient.login(http, agent.email(), "password-" + agent.displayName());
    }
}
