package dev.parley.webhook;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.parley.conversation.Conversation;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.HookReceiver;
import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox across nodes and restarts: written deliveries survive a node that stops before sending
 * them, several nodes share the work without sending a delivery twice, and a name that resolves to
 * loopback is refused at connect time when private addresses are not allowed.
 */
class WebhookClusterTests {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String FAST = "parley.webhooks.poll-interval=100ms";
    static final String LOOPBACK_OK = "parley.webhooks.allow-private-addresses=true";

    @Test
    void deliveriesWrittenBeforeARestartAreSentAfterIt() {
        Map<String, Object> backend = TestBackend.selected();
        try (HookReceiver receiver = HookReceiver.start()) {
            String webhookId;
            Set<String> conversations = new HashSet<>();
            // Node A never polls: the deliveries it writes are still pending when it stops.
            try (ConfigurableApplicationContext a = Nodes.start(backend, LOOPBACK_OK, "parley.webhooks.poll-interval=1h")) {
                Fixtures fixtures = new Fixtures(a);
                Account account = fixtures.account("Acme");
                Site site = fixtures.site(account, "https://shop.example");
                webhookId = a.getBean(Webhooks.class).create(account.id(), new WebhookDraft(receiver.url("/hook"),
                        Set.of(WebhookEvent.CONVERSATION_CREATED), true, null)).block(WAIT).webhook().id();
                for (int i = 0; i < 5; i++) {
                    conversations.add(fixtures.conversation(site).id());
                }
                await().atMost(WAIT).until(() -> pending(a, webhookId) == 5);
            }
            assertThat(receiver.received()).isEmpty();
            try (ConfigurableApplicationContext b = Nodes.start(backend, LOOPBACK_OK, FAST)) {
                await().atMost(WAIT).until(() -> receiver.received().size() >= 5);
                Set<String> delivered = new HashSet<>();
                receiver.received().forEach(r -> delivered.add(r.body().replaceAll(".*\"conversationId\":\"([0-9A-Z]{26})\".*", "$1")));
                assertThat(delivered).isEqualTo(conversations);
                await().atMost(WAIT).until(() -> pending(b, webhookId) == 0);
            }
        }
    }

    @Test
    void twoNodesShareTheOutboxAndSendEachDeliveryOnce() {
        Map<String, Object> backend = TestBackend.selected();
        try (HookReceiver receiver = HookReceiver.start();
                ConfigurableApplicationContext a = Nodes.start(backend, LOOPBACK_OK, FAST, "parley.webhooks.batch-size=5");
                ConfigurableApplicationContext b = Nodes.start(backend, LOOPBACK_OK, FAST, "parley.webhooks.batch-size=5")) {
            Fixtures fixtures = new Fixtures(a);
            Account account = fixtures.account("Acme");
            Site site = fixtures.site(account, "https://shop.example");
            a.getBean(Webhooks.class).create(account.id(), new WebhookDraft(receiver.url("/hook"),
                    Set.of(WebhookEvent.CONVERSATION_CREATED), true, null)).block(WAIT);
            int events = 40;
            for (int i = 0; i < events; i++) {
                Conversation c = fixtures.conversation(site);
                assertThat(c).isNotNull();
            }
            await().atMost(WAIT).until(() -> receiver.received().size() >= events);
            // Settle: a duplicate would arrive within a few polls.
            await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
            List<String> ids = receiver.received().stream().map(r -> r.header("Parley-Delivery")).toList();
            assertThat(ids).hasSize(events).doesNotHaveDuplicates();
        }
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedAtConnectTime() throws Exception {
        Map<String, Object> backend = TestBackend.selected();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.net.InetAddress.getByName(host).isLoopbackAddress()
                || java.net.InetAddress.getByName(host).isSiteLocalAddress(), "this host's name resolves to a private address");
        try (HookReceiver receiver = HookReceiver.start();
                ConfigurableApplicationContext node = Nodes.start(backend, FAST, "parley.webhooks.initial-backoff=1h")) {
            Fixtures fixtures = new Fixtures(node);
            Account account = fixtures.account("Acme");
            Site site = fixtures.site(account, "https://shop.example");
            Webhooks webhooks = node.getBean(Webhooks.class);
            // The literal is refused when saved; the name passes, as its address is only known at connect time.
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(WebhookException.class, () -> webhooks.create(account.id(),
                    new WebhookDraft(receiver.url("/hook"), Set.of(WebhookEvent.CONVERSATION_CREATED), true, null)).block(WAIT)).field())
                    .isEqualTo("url");
            String id = webhooks.create(account.id(), new WebhookDraft("http://" + host + ":" + receiver.port() + "/hook",
                    Set.of(WebhookEvent.CONVERSATION_CREATED), true, null)).block(WAIT).webhook().id();
            fixtures.conversation(site);
            await().atMost(WAIT).untilAsserted(() -> {
                Delivery delivery = webhooks.deliveries(account.id(), id, null, 1).blockFirst(WAIT);
                assertThat(delivery).isNotNull();
                assertThat(delivery.attempts()).isEqualTo(1);
                assertThat(delivery.status()).isEqualTo("PENDING");
                assertThat(delivery.lastError()).isNotBlank();
            });
            assertThat(receiver.received()).isEmpty();
        }
    }

    static long pending(ConfigurableApplicationContext node, String webhookId) {
        return node.getBean(DatabaseClient.class).sql("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = :id AND status = 'PENDING'")
                .bind("id", webhookId).map(row -> row.get("n", Long.class)).one().block(WAIT);
    }
}
