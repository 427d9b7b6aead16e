package dev.parley.browser;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import dev.parley.agent.Agent;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The widget rides out a server restart on its own: it reconnects, resumes and sends what waited. */
class WidgetRestartTests {

    /**
     * Immediate shutdown, as a crash or a killed process: a graceful one would wait out its 20 s for
     * the widget's open socket and end the same way.
     */
    static final String IMMEDIATE = "server.shutdown=immediate";

    @Test
    void aServerRestartMidConversationLosesNothing() throws IOException {
        Map<String, Object> backend = TestBackend.selected();
        int port = freePort();
        try (Chromium chromium = Chromium.launch(); HostPages host = HostPages.start(); BrowserContext browser = chromium.newContext()) {
            VisitorPage visitor;
            String conversation;
            Agent alice;
            try (ConfigurableApplicationContext before = Nodes.start(backend, "server.port=" + port, IMMEDIATE)) {
                Fixtures fixtures = new Fixtures(before);
                Site site = fixtures.site(fixtures.account("Shop"), host.origin());
                AgentSide agent = AgentSide.online(before, site);
                alice = agent.agent();
                visitor = VisitorPage.open(browser, host.put("/restart.html", HostPages.shopPage(port, site.siteKey(), "", true), Map.of()),
                        site.siteKey());
                visitor.openPanel();
                visitor.startChat("My parcel is late");
                conversation = visitor.conversationId();
                agent.say(conversation, "Let me check");
                visitor.awaitBubble("Let me check");
                agent.close();
            }

            // The server is down: the visitor's message waits in the widget.
            visitor.send("Take your time");
            visitor.awaitStatus("Take your time", "Sending");

            try (ConfigurableApplicationContext after = Nodes.start(backend, "server.port=" + port, IMMEDIATE);
                    AgentSide agent = AgentSide.online(after, alice)) {
                agent.say(conversation, "It arrives tomorrow");
                // The widget is somewhere in its backoff (up to 30 s between attempts) when the node is back.
                visitor.awaitBubble("It arrives tomorrow", 90_000);
                visitor.awaitStatus("Take your time", "Sent");

                assertThat(agent.bodies(conversation)).containsExactlyInAnyOrder(
                        "My parcel is late", "Let me check", "Take your time", "It arrives tomorrow");
                assertThat(visitor.bubbles()).containsExactlyElementsOf(agent.bodies(conversation));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
