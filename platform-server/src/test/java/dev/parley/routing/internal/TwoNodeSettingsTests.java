package dev.parley.routing.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.parley.routing.QueueSettings;
import dev.parley.routing.Queues;
import dev.parley.routing.RoutingPolicy;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.Nodes;
import dev.parley.testing.RedisServer;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Queue settings changed through one node reach every other node's copy at once, over the Redis
 * cluster bus: routing on the other node uses the new capacity without waiting for anything.
 */
class TwoNodeSettingsTests {

    static final Duration WAIT = Duration.ofSeconds(30);

    static RedisServer redis;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void start() {
        TestBackend.checkRequiredServices();
        assumeThat(TestBackend.redisConfigured() || RedisServer.installed()).as("needs Redis: PARLEY_IT_REDIS_URL or redis-server").isTrue();
        Map<String, Object> backend = new LinkedHashMap<>(TestBackend.mariaDbConfigured() ? TestBackend.mariaDb() : TestBackend.h2());
        if (TestBackend.redisConfigured()) {
            backend.put("parley.redis.url", TestBackend.redisUrl());
        }
        else {
            redis = RedisServer.start();
            backend.put("parley.redis.url", redis.url());
        }
        nodeA = Nodes.start(backend);
        nodeB = Nodes.start(backend);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aCapacityChangedOnOneNodeIsWhatTheOtherNodeRoutesWith() {
        Fixtures fixtures = new Fixtures(nodeA);
        Account account = fixtures.account("Settled");
        Site site = fixtures.site(account, "https://shop.example");
        SettingsCache onB = nodeB.getBean(SettingsCache.class);
        assertThat(onB.get(site.id()).block(WAIT).maxChatsPerAgent()).as("B holds the defaults now")
                .isEqualTo(QueueSettings.DEFAULT_MAX_CHATS_PER_AGENT);

        nodeA.getBean(Queues.class).updateSettings(account.id(), new QueueSettings(site.id(), RoutingPolicy.LEAST_BUSY, null, 7,
                Duration.ofMinutes(30), null, null, null, null)).block(WAIT);

        // Without the bus, B would keep its copy of the defaults for as long as it runs.
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.get(site.id()).block(WAIT).maxChatsPerAgent() == 7);
    }
}
