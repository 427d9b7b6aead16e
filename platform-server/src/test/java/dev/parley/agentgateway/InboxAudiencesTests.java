package dev.parley.agentgateway;

import java.time.Duration;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationOpened;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
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

/**
 * Which consoles hear of a chat: every agent while it waits, then its holder. Events of one chat
 * can reach a node out of order (another node's publication arrives late; a chat's "opened" is
 * published after its insert commits, by when routing may have assigned it), and a late one must
 * not undo what a later one told the consoles.
 */
@ParleyIntegrationTest
class InboxAudiencesTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ClusterBus bus;

    @Autowired
    Conversations conversations;

    Fixtures fixtures;
    WebTestClient http;
    Account account;
    Site site;
    Agent alice;
    Agent bob;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(context);
        http = LocalHttp.to(port);
        account = fixtures.account("Acme");
        site = fixtures.site(account, ORIGIN);
        alice = fixtures.agent(account, "Alice", Role.AGENT);
        bob = fixtures.agent(account, "Bob", Role.AGENT);
    }

    @Test
    void aWaitingChatTakenByAColleagueLeavesEveryQueueAndItsMessagesStayWithTheColleague() {
        try (AgentClient a = connect(alice); AgentClient b = connect(bob); AgentGatewayTests.Inbox alices = new AgentGatewayTests.Inbox(a, Map.of());
                AgentGatewayTests.Inbox bobs = new AgentGatewayTests.Inbox(b, Map.of());
                WidgetClient visitor = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            a.call("status.set", Map.of("status", "online"));
            String id = start(visitor, "Anyone there?");
            assertThat(bobs.await(e -> "conversation.opened".equals(type(e)) && id.equals(e.path("conversation").path("id").asString()))
                    .path("conversation").path("status").asString()).as("Bob may claim it while it waits").isEqualTo("queued");

            assertThat(bobs.await(e -> "conversation.assigned".equals(type(e)) && id.equals(e.path("conversationId").asString()))
                    .path("agentId").asString()).as("Bob's queue hears that Alice took it").isEqualTo(alice.id());
            visitor.send(Map.of("type", "send", "clientMsgId", "v2", "body", "My order is late"));
            alices.await(e -> "message".equals(type(e)) && "v2".equals(e.path("clientMsgId").asString()));
            heardEverythingBefore(bobs);
            assertThat(bobs.seen(e -> "message".equals(type(e)) && id.equals(e.path("conversationId").asString())))
                    .extracting(e -> e.path("clientMsgId").asString()).doesNotContain("v2");
        }
    }

    @Test
    void anOpenedEventArrivingAfterTheAssignmentKeepsTheChatBetweenItsVisitorAndItsAgent() {
        try (AgentClient a = connect(alice); AgentGatewayTests.Inbox alices = new AgentGatewayTests.Inbox(a, Map.of());
                WidgetClient visitor = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            a.call("status.set", Map.of("status", "online"));
            String id = start(visitor, "Is my order on its way?");
            assertThat(visitor.await("assigned", WAIT).path("agent").path("name").asString()).isEqualTo("Alice");
            alices.await(e -> "conversation.assigned".equals(type(e)) && id.equals(e.path("conversationId").asString()));
            // Bob's console opens now: it holds nothing of the chat, so whatever it is sent of it, it shows.
            try (AgentClient b = connect(bob); AgentGatewayTests.Inbox bobs = new AgentGatewayTests.Inbox(b, Map.of())) {
                // The chat as its "opened" event carried it, delivered again now, as a late node would.
                Conversation assigned = conversations.find(id).block(WAIT);
                bus.publish(new ConversationOpened(queued(assigned))).block(WAIT);
                visitor.send(Map.of("type", "send", "clientMsgId", "v2", "body", "It is order 4711"));
                alices.await(e -> "message".equals(type(e)) && "v2".equals(e.path("clientMsgId").asString()));
                heardEverythingBefore(bobs);

                assertThat(bobs.seen(e -> id.equals(e.path("conversationId").asString())
                        || id.equals(e.path("conversation").path("id").asString())))
                        .as("Bob hears nothing of Alice's chat").isEmpty();
                assertThat(alices.seen(e -> "conversation.opened".equals(type(e)) && id.equals(e.path("conversation").path("id").asString())))
                        .as("Alice's console is not told again that her chat waits in the queue").hasSize(1);
            }
        }
    }

    /** The visitor says hello and starts a chat; returns its id. */
    private String start(WidgetClient visitor, String body) {
        visitor.send(Map.of("type", "hello", "token", WidgetSessions.newToken(http, site.siteKey(), ORIGIN)));
        visitor.await("welcome", WAIT);
        visitor.send(Map.of("type", "start", "clientMsgId", "v1", "body", body));
        return visitor.await("started", WAIT).path("conversation").path("id").asString();
    }

    /** Starts a later chat, which every agent sees while it waits: once it arrives, so has everything published before. */
    private void heardEverythingBefore(AgentGatewayTests.Inbox inbox) {
        String later = fixtures.conversation(site).id();
        inbox.await(e -> "conversation.opened".equals(type(e)) && later.equals(e.path("conversation").path("id").asString()));
    }

    private static Conversation queued(Conversation c) {
        return new Conversation(c.id(), c.accountId(), c.siteId(), c.visitorId(), c.teamId(), ConversationStatus.QUEUED, null,
                c.queuedAt(), c.createdAt(), null, null, null, c.createdAt(), 0, 0, 0, c.prechat(), null, null);
    }

    private AgentClient connect(Agent agent) {
        return AgentClient.connect(port, AgentClient.login(http, agent.email(), "password-" + agent.displayName()));
    }
}
