package dev.parley.browser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import dev.parley.agent.Agent;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * What every browser test class shares: Chromium, optionally the customer's website
 * ({@link HostPages}), the services the node needs (a mail server, an identity provider) and one
 * Parley node on the selected backend, started once per class in that order and closed in the
 * reverse one. Register it as {@code @RegisterExtension static final BrowserNode env = …}.
 *
 * <p>Chromium starts first, so a machine without it skips the class before anything else starts.
 * Closing runs even when starting failed half-way, and closes only what did start.
 */
final class BrowserNode implements BeforeAllCallback, AfterAllCallback {

    /** A service the node is configured against; {@link #get} is valid between start and stop. */
    static final class Service<S> {

        private final Supplier<S> start;
        private final Function<S, String[]> properties;
        private final Consumer<S> stop;
        private S running;

        private Service(Supplier<S> start, Function<S, String[]> properties, Consumer<S> stop) {
            this.start = start;
            this.properties = properties;
            this.stop = stop;
        }

        S get() {
            if (running == null) {
                throw new IllegalStateException("the service starts before the class's first test");
            }
            return running;
        }
    }

    private final boolean withHostPages;
    private final String[] properties;
    private final List<Service<?>> services = new ArrayList<>();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Chromium chromium;
    private HostPages host;
    private ConfigurableApplicationContext node;

    private BrowserNode(boolean withHostPages, String[] properties) {
        this.withHostPages = withHostPages;
        this.properties = properties;
    }

    /** Chromium and a node with these extra properties ({@code key=value}): for the console. */
    static BrowserNode console(String... properties) {
        return new BrowserNode(false, properties);
    }

    /** Chromium, a customer's website and a node with these extra properties: for the widget. */
    static BrowserNode widget(String... properties) {
        return new BrowserNode(true, properties);
    }

    /**
     * Adds a service started before the node, whose {@code properties} point the node at it, and
     * stopped after the node. Call it from a static initialiser, before the class's tests start.
     */
    <S> Service<S> service(Supplier<S> start, Function<S, String[]> properties, Consumer<S> stop) {
        Service<S> service = new Service<>(start, properties, stop);
        services.add(service);
        return service;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        chromium = Chromium.launch();
        started.push(chromium);
        if (withHostPages) {
            host = HostPages.start();
            started.push(host);
        }
        List<String> all = new ArrayList<>(List.of(properties));
        for (Service<?> service : services) {
            all.addAll(List.of(start(service)));
        }
        node = Nodes.start(TestBackend.selected(), all.toArray(String[]::new));
        started.push(node);
    }

    private <S> String[] start(Service<S> service) {
        service.running = service.start.get();
        started.push(() -> service.stop.accept(service.running));
        return service.properties.apply(service.running);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Exception failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            }
            catch (Exception e) {
                if (failure == null) {
                    failure = e;
                }
                else {
                    failure.addSuppressed(e);
                }
            }
        }
        services.forEach(service -> service.running = null);
        chromium = null;
        host = null;
        node = null;
        if (failure != null) {
            throw failure;
        }
    }

    /** A fresh browser profile, as another person's browser would have. */
    BrowserContext newContext() {
        return chromium.newContext();
    }

    /** A fresh browser profile with the given screen, colour scheme, motion preference or language. */
    BrowserContext newContext(Browser.NewContextOptions options) {
        return chromium.newContext(options);
    }

    ConfigurableApplicationContext node() {
        return node;
    }

    /** The customer's website; only for {@link #widget}. */
    HostPages host() {
        if (host == null) {
            throw new IllegalStateException("only BrowserNode.widget() serves host pages");
        }
        return host;
    }

    Fixtures fixtures() {
        return new Fixtures(node);
    }

    <T> T bean(Class<T> type) {
        return node.getBean(type);
    }

    int port() {
        return port(node);
    }

    /** {@code http://127.0.0.1:<port><path>} on the node. */
    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** A REST client for the node. */
    WebTestClient http() {
        return AdminHttp.http(port());
    }

    /** {@code Bearer <token>} of the agent, signed in with the password the fixtures gave them. */
    String bearer(Agent agent) {
        JsonNode tokens = http().post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("email", agent.email(), "password", "password-" + agent.displayName()))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return "Bearer " + tokens.path("accessToken").asString();
    }

    /** The port a started node listens on. */
    static int port(ConfigurableApplicationContext node) {
        return node.getEnvironment().getProperty("local.server.port", Integer.class);
    }
}
