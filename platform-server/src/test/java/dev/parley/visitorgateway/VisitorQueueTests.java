package dev.parley.visitorgateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.HistoryPage;
import dev.parley.routing.QueuePositionChanged;
import dev.parley.routing.QueueSettings;
import dev.parley.routing.Queues;
import dev.parley.routing.RoutingPolicy;
import dev.parley.site.Account;
import dev.parley.site.Site;
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
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What a visitor learns about the queue over /ws/visitor: their place, their agent, or the offline form. */
@ParleyIntegrationTest
class VisitorQueueTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Queues queues;

    @Autowired
    Conversations conversations;

    @Autowired
    ClusterBus bus;

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
    void waitingVisitorsSeeTheirPlaceMoveUpAndThenTheirAgent() {
        queues.updateSettings(account.id(), new QueueSettings(site.id(), RoutingPolicy.ROUND_ROBIN, null, 1, Duration.ofMinutes(5),
                null, null, null, null)).block(WAIT);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        fixtures.online(alice);
        try (WidgetClient first = started(); WidgetClient second = started(); WidgetClient third = started()) {
            String firstId = first.await("started", WAIT).path("conversation").path("id").asString();
            assertThat(first.await("assigned", WAIT).path("agent").path("name").asString()).isEqualTo("Alice");
            JsonNode secondPlace = second.await("queue", WAIT);
            assertThat(secondPlace.path("position").asInt()).isEqualTo(1);
            assertThat(secondPlace.path("etaSeconds").asLong()).as("one agent, one slot, default 5 min chats").isEqualTo(300);
            assertThat(third.await(n -> "queue".equals(n.path("type").asString()) && n.path("position").asInt() == 2, WAIT)).isNotNull();

            conversations.close(firstId, Author.agent(alice.id(), "Alice")).block(WAIT);
            assertThat(second.await("assigned", WAIT).path("agent").path("name").asString()).isEqualTo("Alice");
            assertThat(third.await(n -> "queue".equals(n.path("type").asString()) && n.path("position").asInt() == 1, WAIT)).isNotNull();
        }
    }

    /** Events name the agent who acted for the agents' side; the visitor sees a name and never an id (docs/protocol.md). */
    @Test
    void agentsIdsNeverReachTheVisitorLiveOrInHistory() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        fixtures.online(alice);
        String token = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        try (WidgetClient client = started(token)) {
            String id = client.await("started", WAIT).path("conversation").path("id").asString();
            JsonNode joined = client.await(n -> "message".equals(n.path("type").asString())
                    && "assigned".equals(n.path("meta").path("type").asString()), WAIT);
            conversations.close(id, Author.agent(alice.id(), "Alice")).block(WAIT);
            JsonNode closed = client.await(n -> "message".equals(n.path("type").asString())
                    && "closed".equals(n.path("meta").path("type").asString()), WAIT);

            assertThat(joined.path("meta").path("agentName").asString()).isEqualTo("Alice");
            assertThat(closed.path("meta").path("byKind").asString()).isEqualTo("AGENT");
            String history = http.get().uri("/api/v1/widget/conversations/{id}/messages", id)
                    .header("Origin", ORIGIN).header("Authorization", "Bearer " + token)
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(history).contains("\"agentName\":\"Alice\"");
            assertThat(List.of(joined.toString(), closed.toString(), history)).noneMatch(json -> json.contains(alice.id()));
        }
    }

    @Test
    void whenAVisitorAheadLeavesAndNobodyCanBeAssignedTheOthersStillMoveUp() {
        queues.updateSettings(account.id(), new QueueSettings(site.id(), RoutingPolicy.ROUND_ROBIN, null, 1, Duration.ofMinutes(5),
                null, null, null, null)).block(WAIT);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        fixtures.online(alice);
        try (WidgetClient first = started(); WidgetClient second = started(); WidgetClient third = started()) {
            first.await("assigned", WAIT);
            assertThat(second.await("queue", WAIT).path("position").asInt()).isEqualTo(1);
            assertThat(third.await(n -> "queue".equals(n.path("type").asString()) && n.path("position").asInt() == 2, WAIT)).isNotNull();

            // Alice is still full: the pass this triggers assigns nobody, yet the queue changed.
            second.send(Map.of("type", "close"));
            second.await("closed", WAIT);
            assertThat(third.await(n -> "queue".equals(n.path("type").asString()) && n.path("position").asInt() == 1, WAIT)).isNotNull();
        }
    }

    @Test
    void aPositionReadBeforeTheAssignmentButArrivingAfterItIsNotShown() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        fixtures.online(alice);
        try (WidgetClient visitor = started()) {
            String id = visitor.await("started", WAIT).path("conversation").path("id").asString();
            visitor.await("assigned", WAIT);

            // Positions are read and published apart from assignments: one read just before this
            // assignment can be published just after it.
            bus.publish(new QueuePositionChanged(account.id(), id, 3, 120L)).block(WAIT);
            conversations.find(id).flatMap(c -> conversations.typing(c, Author.agent(alice.id(), "Alice"), true, null, false, 0))
                    .block(WAIT);

            assertThat(visitor.await(n -> "queue".equals(n.path("type").asString()) || "typing".equals(n.path("type").asString()), WAIT)
                    .path("type").asString()).as("the chat is not shown as waiting again").isEqualTo("typing");
        }
    }

    @Test
    void withNobodyToAnswerTheSessionSaysOfflineAndAStartedChatIsKeptForFollowUp() {
        JsonNode session = http.post().uri("/api/v1/widget/sessions").header("Origin", ORIGIN).bodyValue(Map.of("siteKey", site.siteKey()))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(session.path("availability").path("online").asBoolean()).isFalse();
        assertThat(session.path("availability").path("reason").asString()).isEqualTo("no_agents");

        try (WidgetClient client = started()) {
            assertThat(client.await("pending", WAIT).path("reason").asString()).isEqualTo("no_agents");
            client.send(Map.of("type", "send", "clientMsgId", "offline-1", "body", "Please call me back: 555-0100"));
            assertThat(client.await("ack", WAIT).path("seq").asLong()).isPositive();
        }
    }

    @Test
    void theOfflineFormsContactDetailsReachThePendingConversationAndTheVisitor() {
        String id;
        try (WidgetClient client = started()) {
            id = client.await("pending", WAIT).path("conversationId").asString();
            client.send(Map.of("type", "start", "prechat", Map.of("name", "Ann", "email", "not-an-address"), "clientMsgId", "o-0", "body", "x"));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("invalid_prechat");
            client.send(Map.of("type", "start", "prechat", Map.of("name", "Ann", "email", "ann@example.com"),
                    "clientMsgId", "o-1", "body", "Please email me the invoice"));
            assertThat(client.await("started", WAIT).path("conversation").path("id").asString())
                    .as("the same, pending conversation").isEqualTo(id);
            client.await("ack", WAIT);
        }
        var conversation = conversations.find(id).block(WAIT);
        assertThat(conversation.prechat()).containsEntry("name", "Ann").containsEntry("email", "ann@example.com");
        var message = conversations.history(conversation.id(), null, 10, dev.parley.conversation.Audience.AGENT)
                .flatMapIterable(HistoryPage::messages)
                .filter(m -> "Please email me the invoice".equals(m.body())).blockFirst(WAIT);
        assertThat(message.author().name()).as("the visitor is now known by the name they gave").isEqualTo("Ann");
    }

    @Test
    void aVisitorRatesTheChatOnceItIsClosed() {
        try (WidgetClient client = started()) {
            client.await("started", WAIT);
            client.send(Map.of("type", "rate", "rating", 5));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("conversation_open");
            client.send(Map.of("type", "close"));
            client.await("closed", WAIT);
            client.send(Map.of("type", "rate", "rating", 7));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("invalid_field");
            client.send(Map.of("type", "rate", "rating", 4, "comment", "x".repeat(Conversations.MAX_RATING_COMMENT_LENGTH + 1)));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("invalid_field");
            client.send(Map.of("type", "rate", "rating", 4, "comment", "Quick and friendly"));
            assertThat(client.await("rated", WAIT).path("rating").asInt()).isEqualTo(4);
        }
    }

    private WidgetClient started() {
        return started(WidgetSessions.newToken(http, site.siteKey(), ORIGIN));
    }

    /** A visitor's socket, said hello with {@code token}, that has sent {@code start}. */
    private WidgetClient started(String token) {
        WidgetClient client = WidgetClient.connect(port, site.siteKey(), ORIGIN);
        client.send(Map.of("type", "hello", "token", token));
        client.await("welcome", WAIT);
        client.send(Map.of("type", "start"));
        return client;
    }
}
