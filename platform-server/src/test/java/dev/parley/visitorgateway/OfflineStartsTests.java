package dev.parley.visitorgateway;

import java.time.Duration;
import java.util.Map;

import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.WidgetClient;
import dev.parley.testing.WidgetSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visitors who start with a message while nobody can answer. Routing parks each new chat at the
 * moment its first message is stored. With a queue of one, MariaDB finds the parked row through
 * its status index while the message writer locks the row first: the two updates can deadlock, and
 * a park lost that way left the visitor shown a queue nobody serves. The race is timing-bound:
 * without the retry this test failed in half its runs, always within the first seconds of a
 * freshly started server.
 */
@ParleyIntegrationTest
class OfflineStartsTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";
    /** One after another, so each is alone in the queue (a longer queue makes MariaDB find the row by its key). */
    static final int VISITORS = 60;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void everyVisitorWhoStartsWithAMessageIsToldTheChatIsKeptForFollowUp() {
        Fixtures fixtures = new Fixtures(context);
        WebTestClient http = LocalHttp.to(port);
        Account account = fixtures.account("Acme");
        Site site = fixtures.site(account, ORIGIN);
        for (int i = 0; i < VISITORS; i++) {
            String token = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
            try (WidgetClient visitor = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
                visitor.send(Map.of("type", "hello", "token", token));
                visitor.await("welcome", WAIT);
                visitor.send(Map.of("type", "start", "clientMsgId", "first", "body", "Is anyone there? #" + i));
                // The park and the first message's acknowledgement race each other: either may come first.
                JsonNode[] ack = {null};
                JsonNode pending = visitor.await(frame -> {
                    if ("ack".equals(frame.path("type").asString())) {
                        ack[0] = frame;
                    }
                    return "pending".equals(frame.path("type").asString());
                }, WAIT);
                assertThat(pending.path("reason").asString()).as("visitor %d", i).isEqualTo("no_agents");
                JsonNode stored = ack[0] != null ? ack[0] : visitor.await("ack", WAIT);
                assertThat(stored.path("seq").asLong()).as("the first message is stored").isEqualTo(1);
            }
        }
    }
}
