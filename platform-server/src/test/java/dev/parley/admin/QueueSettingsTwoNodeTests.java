package dev.parley.admin;

import java.time.Duration;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.routing.Availability;
import dev.parley.routing.Queues;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.parley.testing.AdminHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A settings change made through node A is what node B routes the next conversation by. */
class QueueSettingsTwoNodeTests {

    static final Duration WAIT = Duration.ofSeconds(15);

    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void start() {
        Map<String, Object> backend = TestBackend.selected();
        nodeA = Nodes.start(backend, "parley.routing.sweep-interval=1h");
        nodeB = Nodes.start(backend, "parley.routing.sweep-interval=1h");
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void aChangeOnNodeAIsAppliedByNodeBToTheNextConversation() {
        Fixtures onB = new Fixtures(nodeB);
        Account account = onB.account("Acme");
        Site site = onB.site(account, "https://shop.example");
        Queues queuesB = nodeB.getBean(Queues.class);
        Conversations conversationsB = nodeB.getBean(Conversations.class);
        Agent alice = onB.agent(account, "Alice", Role.AGENT);
        onB.online(alice);
        // Node B has read (and holds) the defaults: round robin, open all the time.
        assertThat(queuesB.availability(account.id(), site.id()).block(WAIT)).isEqualTo(Availability.ONLINE);

        WebTestClient http = AdminHttp.http(((WebServerApplicationContext) nodeA).getWebServer().getPort());
        String admin = AdminHttp.token(http, nodeA, account.id(), Role.ADMIN);
        ok(http.put().uri("/api/v1/admin/sites/" + site.id() + "/queue-settings").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"policy\": \"MANUAL\", \"maxChatsPerAgent\": 3, \"queueTimeoutSeconds\": 300}"));

        // Node B learns of it (through the cluster bus, or at the latest when its copy expires)...
        await().atMost(WAIT).until(() -> queuesB.settings(account.id(), site.id()).block(WAIT).policy() == dev.parley.routing.RoutingPolicy.MANUAL);
        // ...and under MANUAL assigns nobody automatically, though Alice is online there.
        Conversation manual = onB.conversation(site);
        await().during(Duration.ofMillis(700)).atMost(WAIT)
                .until(() -> conversationsB.find(manual.id()).block(WAIT).status() == ConversationStatus.QUEUED);

        // Closed all week: node B tells new visitors so and parks their conversations.
        ok(http.put().uri("/api/v1/admin/sites/" + site.id() + "/queue-settings").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"policy\": \"ROUND_ROBIN\", \"maxChatsPerAgent\": 3, \"queueTimeoutSeconds\": 300,"
                        + " \"businessHours\": {\"zone\": \"Pacific/Auckland\", \"weekly\": []}}"));
        await().atMost(WAIT).until(() -> "closed_hours".equals(queuesB.availability(account.id(), site.id()).block(WAIT).reason()));
        Conversation closed = onB.conversation(site);
        await().atMost(WAIT).until(() -> conversationsB.find(closed.id()).block(WAIT).status() == ConversationStatus.PENDING);
        assertThat(conversationsB.find(closed.id()).block(WAIT).pendingReason()).isEqualTo("closed_hours");
    }
}
