package dev.parley.agentgateway;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.routing.QueueSettings;
import dev.parley.routing.Queues;
import dev.parley.routing.RoutingPolicy;
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
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** An agent working over RSocket with a visitor over /ws/visitor: both real clients, one real server. */
@ParleyIntegrationTest
class AgentGatewayTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Queues queues;

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
    void aVisitorAndAnAgentChatBothWaysWithDraftsNotesAndReadReceipts() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        try (AgentClient agent = AgentClient.connect(port, login(alice)); Inbox inbox = new Inbox(agent, Map.of())) {
            assertThat(agent.call("status.set", Map.of("status", "online")).path("status").asString()).isEqualTo("online");
            String token = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
            try (WidgetClient visitor = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
                visitor.send(Map.of("type", "hello", "token", token));
                visitor.await("welcome", WAIT);
                visitor.send(Map.of("type", "start", "clientMsgId", "v1", "body", "Do you ship to Norway?"));
                String id = visitor.await("started", WAIT).path("conversation").path("id").asString();
                assertThat(visitor.await("assigned", WAIT).path("agent").path("name").asString()).isEqualTo("Alice");

                JsonNode assigned = inbox.await(e -> "conversation.assigned".equals(type(e)) && id.equals(e.path("conversationId").asString()));
                assertThat(assigned.path("agentId").asString()).isEqualTo(alice.id());
                // The console orders routing events by this time: they can arrive out of order.
                assertThat(Instant.parse(assigned.path("assignedAt").asString())).isCloseTo(Instant.parse(agent.call("conversations.get",
                        Map.of("conversationId", id)).path("assignedAt").asString()), within(1, ChronoUnit.MILLIS));
                assertThat(inbox.await(e -> "message".equals(type(e)) && "v1".equals(e.path("clientMsgId").asString()))
                        .path("body").asString()).isEqualTo("Do you ship to Norway?");

                visitor.send(Map.of("type", "typing", "active", true, "draft", "Also to Icel"));
                assertThat(inbox.await(e -> "typing".equals(type(e))).path("draft").asString()).isEqualTo("Also to Icel");
                // Typing is not stored and may overtake the message before it: it names the newest
                // message its author had, so the console does not let that message end it.
                visitor.send(Map.of("type", "send", "clientMsgId", "v2", "body", "And to Iceland?"));
                visitor.send(Map.of("type", "typing", "active", true, "draft", "Also to the Faroe"));
                long v2 = visitor.await(m -> "ack".equals(type(m)) && "v2".equals(m.path("clientMsgId").asString()), WAIT)
                        .path("seq").asLong();
                assertThat(inbox.await(e -> "typing".equals(type(e)) && "Also to the Faroe".equals(e.path("draft").asString()))
                        .path("seq").asLong()).isEqualTo(v2);

                agent.call("conversations.note", Map.of("conversationId", id, "clientMsgId", "n1", "body", "Check the carrier list"));
                JsonNode ack = agent.call("conversations.send", Map.of("conversationId", id, "clientMsgId", "a1", "body", "We do!"));
                agent.call("conversations.read", Map.of("conversationId", id, "upToSeq", ack.path("seq").asLong()));
                JsonNode reply = visitor.await(m -> "message".equals(type(m)) && "agent".equals(m.path("author").path("kind").asString()), WAIT);
                assertThat(reply.path("body").asString()).as("the note never reaches the visitor").isEqualTo("We do!");
                assertThat(visitor.await("read", WAIT).path("by").asString()).isEqualTo("agent");

                JsonNode history = agent.call("conversations.history", Map.of("conversationId", id));
                assertThat(history.path("messages").findValuesAsString("body")).contains("Check the carrier list", "We do!");
            }
        }
    }

    @Test
    void anInboxResumedWithItsCursorGetsWhatItMissedInOrder() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        String token = login(alice);
        String id;
        long lastSeq;
        String visitorToken = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        try (WidgetClient visitor = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            visitor.send(Map.of("type", "hello", "token", visitorToken));
            visitor.await("welcome", WAIT);
            try (AgentClient agent = AgentClient.connect(port, token); Inbox inbox = new Inbox(agent, Map.of())) {
                agent.call("status.set", Map.of("status", "online"));
                visitor.send(Map.of("type", "start", "clientMsgId", "v1", "body", "one"));
                id = visitor.await("started", WAIT).path("conversation").path("id").asString();
                lastSeq = inbox.await(e -> "message".equals(type(e)) && "one".equals(e.path("body").asString())).path("seq").asLong();
                agent.call("status.set", Map.of("status", "away"));
            }
            for (String body : new String[] {"two", "three", "four"}) {
                visitor.send(Map.of("type", "send", "clientMsgId", body, "body", body));
                visitor.await("ack", WAIT);
            }
        }
        try (AgentClient agent = AgentClient.connect(port, token);
                Inbox inbox = new Inbox(agent, Map.of("cursors", List.of(Map.of("conversationId", id, "lastSeq", lastSeq))))) {
            assertThat(inbox.take(e -> "message".equals(type(e)) && "text".equals(e.path("kind").asString()), 3))
                    .extracting(e -> e.path("body").asString()).containsExactly("two", "three", "four");
        }
    }

    @Test
    void transfersGoOnlyToAgentsWithRoomAndMoveTheChatBetweenInboxes() {
        queues.updateSettings(account.id(), new QueueSettings(site.id(), RoutingPolicy.MANUAL, null, 1, Duration.ofMinutes(5), null,
                null, null, null)).block(WAIT);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Agent bob = fixtures.agent(account, "Bob", Role.AGENT);
        try (AgentClient a = AgentClient.connect(port, login(alice)); AgentClient b = AgentClient.connect(port, login(bob));
                Inbox bobsInbox = new Inbox(b, Map.of())) {
            a.call("status.set", Map.of("status", "online"));
            b.call("status.set", Map.of("status", "online"));
            String first = fixtures.conversation(site).id();
            String second = fixtures.conversation(site).id();
            await().atMost(WAIT).until(() -> a.call("conversations.list", Map.of("view", "queue")).size() >= 2);
            assertThat(a.call("queue.claim", Map.of("conversationId", first)).path("assignedAgentId").asString()).isEqualTo(alice.id());
            assertThat(b.call("queue.claim", Map.of("conversationId", second)).path("assignedAgentId").asString()).isEqualTo(bob.id());

            assertThat(AgentGatewaySecurityTests.error(a, "conversations.transfer", Map.of("conversationId", first, "agentId", bob.id())))
                    .contains("\"agent_at_capacity\"");
            b.call("conversations.close", Map.of("conversationId", second));
            assertThat(a.call("conversations.transfer", Map.of("conversationId", first, "agentId", bob.id())).path("assignedAgentId")
                    .asString()).isEqualTo(bob.id());
            // Bob heard of Alice's claim too (the chat left the queue he saw it in); this is the transfer.
            assertThat(bobsInbox.await(e -> "conversation.assigned".equals(type(e)) && first.equals(e.path("conversationId").asString())
                    && "transfer".equals(e.path("reason").asString())).path("previousAgentId").asString()).isEqualTo(alice.id());
            assertThat(a.call("conversations.list", Map.of("view", "mine"))).isEmpty();
            assertThat(b.call("conversations.list", Map.of("view", "mine")).findValuesAsString("id")).containsExactly(first);
        }
    }

    @Test
    void anOversizedRequestIsRefusedByTheTransport() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        try (AgentClient agent = AgentClient.connect(port, login(alice))) {
            agent.call("status.set", Map.of("status", "online"));
            String huge = "x".repeat(70_000);
            assertThat(AgentGatewaySecurityTests.error(agent, "conversations.send",
                    Map.of("conversationId", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "clientMsgId", "big", "body", huge))).isNotEqualTo("no error");
        }
    }

    String login(Agent agent) {
        return AgentClient.login(http, agent.email(), "password-" + agent.displayName());
    }

    static String type(JsonNode event) {
        return event.path("type").asString();
    }

    /** The agent's inbox stream, collected as it arrives. */
    static final class Inbox implements AutoCloseable {

        private final Sinks.Many<JsonNode> events = Sinks.many().replay().all();
        private final List<JsonNode> arrived = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Disposable subscription;

        Inbox(AgentClient client, Object request) {
            subscription = client.stream("inbox", request).subscribe(event -> {
                arrived.add(event);
                events.tryEmitNext(event);
            }, events::tryEmitError);
            await(e -> "inbox.ready".equals(type(e)));
        }

        JsonNode await(java.util.function.Predicate<JsonNode> match) {
            return events.asFlux().filter(match).next().block(WAIT);
        }

        List<JsonNode> take(java.util.function.Predicate<JsonNode> match, int count) {
            return events.asFlux().filter(match).take(count).collectList().block(WAIT);
        }

        /** The matching events that arrived so far. */
        List<JsonNode> seen(java.util.function.Predicate<JsonNode> match) {
            return arrived.stream().filter(match).toList();
        }

        @Override
        public void close() {
            subscription.dispose();
        }
    }
}
