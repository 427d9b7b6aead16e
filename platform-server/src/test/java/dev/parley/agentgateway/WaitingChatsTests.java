package dev.parley.agentgateway;

import java.time.Duration;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.parley.agentgateway.AgentGatewayTests.type;
import static org.assertj.core.api.Assertions.assertThat;

/** What the other agents' consoles hear of a chat that waits in the queue and is then taken. */
@ParleyIntegrationTest
class WaitingChatsTests {

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

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(context);
        http = LocalHttp.to(port);
        account = fixtures.account("Acme");
        site = fixtures.site(account, ORIGIN);
    }

    @Test
    void aWaitingChatTakenByAColleagueLeavesEveryQueueAndItsMessagesStayWithTheColleague() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Agent bob = fixtures.agent(account, "Bob", Role.AGENT);
        try (AgentClient a = AgentClient.connect(port, login(alice)); AgentClient b = AgentClient.connect(port, login(bob));
                AgentGatewayTests.Inbox alices = new AgentGatewayTests.Inbox(a, Map.of());
                AgentGatewayTests.Inbox bobs = new AgentGatewayTests.Inbox(b, Map.of());
                WidgetClient visitor = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            a.call("status.set", Map.of("status", "online"));
            visitor.send(Map.of("type", "hello", "token", WidgetSessions.newToken(http, site.siteKey(), ORIGIN)));
            visitor.await("welcome", WAIT);
            visitor.send(Map.of("type", "start", "clientMsgId", "v1", "body", "Anyone there?"));
            String id = visitor.await("started", WAIT).path("conversation").path("id").asString();
            assertThat(bobs.await(e -> "conversation.opened".equals(type(e)) && id.equals(e.path("conversation").path("id").asString()))
                    .path("conversation").path("status").asString()).as("Bob may claim it while it waits").isEqualTo("queued");

            assertThat(bobs.await(e -> "conversation.assigned".equals(type(e)) && id.equals(e.path("conversationId").asString()))
                    .path("agentId").asString()).as("Bob's queue hears that Alice took it").isEqualTo(alice.id());
            visitor.send(Map.of("type", "send", "clientMsgId", "v2", "body", "My order is late"));
            alices.await(e -> "message".equals(type(e)) && "v2".equals(e.path("clientMsgId").asString()));
            // A later chat, which Bob sees while it waits: his inbox has everything published before it.
            String later = fixtures.conversation(site).id();
            bobs.await(e -> "conversation.opened".equals(type(e)) && later.equals(e.path("conversation").path("id").asString()));
            assertThat(bobs.seen(e -> "message".equals(type(e)) && id.equals(e.path("conversationId").asString())))
                    .extracting(e -> e.path("clientMsgId").asString()).doesNotContain("v2");
        }
    }

    private String login(Agent agent) {
        return AgentClient.login(http, agent.email(), "password-" + agent.displayName());
    }
}
