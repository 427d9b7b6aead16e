package dev.parley.agentgateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.agentgateway.AgentGatewayTests.Inbox;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.WidgetClient;
import dev.parley.testing.WidgetSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static dev.parley.agentgateway.AgentGatewayTests.type;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events waiting for a console's demand: a console that asked for batches gets them in one frame,
 * an older console gets each alone. Demand is held back to make them wait, as a busy browser tab
 * (or a burst of new chats) does.
 */
@ParleyIntegrationTest
class InboxBatchFramesTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";
    static final List<String> BODIES = List.of("one", "two", "three", "four", "five");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aConsoleThatDidNotAskForBatchesGetsEveryEventAlone() {
        chat(false, (frames, visitor, watcher) -> StepVerifier.create(frames, 1)
                .assertNext(ready -> assertThat(type(ready)).isEqualTo("inbox.ready"))
                .then(() -> sendAll(visitor, watcher))
                .thenRequest(Long.MAX_VALUE)
                .recordWith(ArrayList::new)
                .thenConsumeWhile(e -> !"five".equals(e.path("body").asString()))
                .expectNextMatches(e -> "five".equals(e.path("body").asString()))
                .consumeRecordedWith(sent -> {
                    assertThat(sent).noneMatch(e -> "batch".equals(type(e)));
                    assertThat(sent.stream().filter(e -> "message".equals(type(e))).map(e -> e.path("body").asString()))
                            .containsExactlyElementsOf(BODIES);
                })
                .thenCancel().verify(WAIT));
    }

    @Test
    void eventsWaitingForAConsolesDemandReachItAsOneBatchInOrder() {
        chat(true, (frames, visitor, watcher) -> StepVerifier.create(frames, 1)
                .assertNext(ready -> assertThat(type(ready)).isEqualTo("inbox.ready"))
                .then(() -> sendAll(visitor, watcher))
                .thenRequest(1)
                .assertNext(batch -> {
                    assertThat(type(batch)).isEqualTo("batch");
                    assertThat(batch.path("events").valueStream().filter(e -> "message".equals(type(e)))
                            .map(e -> e.path("body").asString())).containsExactlyElementsOf(BODIES);
                })
                .thenCancel().verify(WAIT));
    }

    private interface Scenario {
        void run(reactor.core.publisher.Flux<JsonNode> frames, WidgetClient visitor, Inbox watcher);
    }

    /**
     * Alice holds a visitor's chat; {@code scenario} gets her inbox's frames, opened after the
     * assignment and the first message.
     */
    private void chat(boolean batches, Scenario scenario) {
        Fixtures fixtures = new Fixtures(context);
        Account account = fixtures.account("Acme");
        Site site = fixtures.site(account, ORIGIN);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Agent sam = fixtures.agent(account, "Sam", Role.SUPERVISOR);
        String token = AgentClient.login(LocalHttp.to(port), alice.email(), "password-Alice");
        String visitorToken = WidgetSessions.newToken(LocalHttp.to(port), site.siteKey(), ORIGIN);
        try (AgentClient agent = AgentClient.connect(port, token); WidgetClient visitor = WidgetClient.connect(port, site.siteKey(), ORIGIN);
                AgentClient supervisor = AgentClient.connect(port, AgentClient.login(LocalHttp.to(port), sam.email(), "password-Sam"));
                Inbox watcher = new Inbox(supervisor, Map.of())) {
            agent.call("status.set", Map.of("status", "online"));
            visitor.send(Map.of("type", "hello", "token", visitorToken));
            visitor.await("welcome", WAIT);
            visitor.send(Map.of("type", "start", "clientMsgId", "v0", "body", "hello"));
            visitor.await("assigned", WAIT);
            watcher.await(e -> "conversation.assigned".equals(type(e)) && "routing".equals(e.path("reason").asString()));
            // Routing may assign before the first message is posted (the start opens, then posts):
            // Alice's inbox must open after "hello" went out, or it arrives as a live event.
            watcher.await(e -> "message".equals(type(e)) && "hello".equals(e.path("body").asString()));
            scenario.run(agent.stream("inbox", batches ? Map.of("batches", true) : Map.of()), visitor, watcher);
        }
    }

    /**
     * The visitor sends every body; returns once a supervisor's console on the same node got the
     * last, so they all wait for Alice's demand by then (a node offers each event to its consoles
     * in one pass).
     */
    private static void sendAll(WidgetClient visitor, Inbox watcher) {
        for (String body : BODIES) {
            visitor.send(Map.of("type", "send", "clientMsgId", body, "body", body));
        }
        watcher.await(e -> "message".equals(type(e)) && "five".equals(e.path("body").asString()));
    }
}
