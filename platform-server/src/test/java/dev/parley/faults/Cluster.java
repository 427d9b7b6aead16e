package dev.parley.faults;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.routing.QueueSettings;
import dev.parley.routing.Queues;
import dev.parley.routing.RoutingPolicy;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.NodeProcess;
import dev.parley.testing.Nodes;
import dev.parley.testing.RedisServer;
import dev.parley.testing.TcpProxy;
import dev.parley.testing.TestBackend;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Parley nodes in processes of their own on loopback, sharing a fresh MariaDB database (reached
 * through a {@link TcpProxy} that can cut it off) and a private redis-server (which can be stopped).
 * An in-JVM "control" node on the same database, reached directly, builds tenants and reads the
 * truth for the checker; no client talks to it. Test code.
 */
final class Cluster implements AutoCloseable {

    static final String ORIGIN = "https://shop.example";
    static final Duration WAIT = Duration.ofSeconds(20);

    final RedisServer redis;
    final TcpProxy database;
    final ConfigurableApplicationContext control;
    final List<NodeProcess> nodes = new ArrayList<>();

    /** Settings every node gets; short leases and sweeps keep the suite's waits short. */
    static Map<String, Object> nodeSettings(Map<String, Object> backend, String redisUrl) {
        Map<String, Object> settings = new LinkedHashMap<>(backend);
        settings.put("parley.redis.url", redisUrl);
        settings.put("parley.agent.lease-grace", "6s");
        settings.put("parley.agent.lease-renew-interval", "2s");
        settings.put("parley.routing.sweep-interval", "1s");
        settings.put("parley.visitor-gateway.max-connections-per-ip", "1000");
        settings.put("parley.conversation.resume-max-messages", "50");
        settings.put("parley.db.acquire-timeout", "3s");
        settings.put("parley.redis.reconnect-max-delay", "1s");
        return settings;
    }

    Cluster(int nodeCount) {
        Map<String, Object> backend = TestBackend.mariaDb();
        redis = RedisServer.start();
        URI db = URI.create(String.valueOf(backend.get("parley.db.url")));
        database = TcpProxy.to(db.getPort());
        control = Nodes.start(nodeSettings(backend, redis.url()));
        Map<String, Object> proxied = new LinkedHashMap<>(nodeSettings(backend, redis.url()));
        proxied.put("parley.db.url", "mysql://127.0.0.1:" + database.port() + db.getPath());
        List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            NodeProcess node = NodeProcess.of("node-" + (char) ('a' + i), proxied).start();
            nodes.add(node);
            starting.add(CompletableFuture.supplyAsync(() -> node.awaitReady(Duration.ofMinutes(3))));
        }
        starting.forEach(CompletableFuture::join);
    }

    int port(int node) {
        return nodes.get(node).port();
    }

    /** A tenant of its own per scenario: an account, a site routing least-busy within {@code capacity}, and signed-in agents. */
    Tenant tenant(String name, int agents, int capacity) {
        Fixtures fixtures = new Fixtures(control);
        Account account = fixtures.account(name);
        Site site = fixtures.site(account, ORIGIN);
        control.getBean(Queues.class).updateSettings(account.id(), new QueueSettings(site.id(), RoutingPolicy.LEAST_BUSY, null, capacity,
                Duration.ofMinutes(30), null, null, null, null)).block(WAIT);
        List<Agent> people = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            Agent agent = fixtures.agent(account, name + "Agent" + i, Role.AGENT);
            people.add(agent);
            tokens.add(AgentClient.login(http(port(i % nodes.size())), agent.email(), "password-" + name + "Agent" + i));
        }
        return new Tenant(account, site, people, tokens);
    }

    WebTestClient http(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(WAIT).build();
    }

    DatabaseClient db() {
        return control.getBean(DatabaseClient.class);
    }

    record Tenant(Account account, Site site, List<Agent> agents, List<String> tokens) {
    }

    @Override
    public void close() {
        nodes.forEach(NodeProcess::close);
        if (control != null) {
            control.close();
        }
        database.close();
        redis.close();
    }
}
