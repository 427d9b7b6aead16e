package dev.parley.browser;

import java.time.Duration;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.routing.QueueSettings;
import dev.parley.routing.Queues;
import dev.parley.routing.RoutingPolicy;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a visitor sees when nobody can answer at once: their place in the queue, the offline form, and the rating after. */
class WidgetQueueTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final BrowserNode env = BrowserNode.widget();

    @Test
    void withNobodyOnlineTheOfflineFormLeavesAMessageForFollowUp() {
        Site site = site();
        try (BrowserContext browser = env.newContext()) {
            VisitorPage visitor = VisitorPage.open(browser, page("/offline.html", site), site.siteKey());
            visitor.openPanel();
            assertThat(visitor.widget(".form p").first().textContent()).startsWith("We're away right now.");
            visitor.widget("#pf-name").fill("Ann");
            visitor.widget("#pf-email").fill("ann@example.com");
            visitor.widget("#pf-message").fill("Do you restock the blue one?");
            visitor.widget("form.form button[type=submit]").click();
            visitor.awaitBubble("Do you restock the blue one?");
            visitor.page.locator("parley-widget").getByText("Thanks! We'll reply by email.").waitFor();

            // Admission parks the conversation right after it opens, a moment after the form is answered.
            await().atMost(WAIT).until(() -> conversations().find(visitor.conversationId()).block(WAIT).status() == ConversationStatus.PENDING);
            Conversation kept = conversations().find(visitor.conversationId()).block(WAIT);
            assertThat(kept.prechat()).containsEntry("name", "Ann").containsEntry("email", "ann@example.com");
        }
    }

    @Test
    void aWaitingVisitorSeesTheirPlaceThenTheirAgentThenRatesTheChat() {
        Site site = site();
        env.bean(Queues.class).updateSettings(site.accountId(), new QueueSettings(site.id(), RoutingPolicy.LEAST_BUSY, null, 1,
                Duration.ofMinutes(5), null, null, null, null)).block(WAIT);
        try (BrowserContext browser = env.newContext(); AgentSide agent = AgentSide.online(env.node(), site);
                BrowserContext other = env.newContext()) {
            VisitorPage first = VisitorPage.open(other, page("/first.html", site), site.siteKey());
            first.openPanel();
            first.startChat("I was here first");
            agent.awaitMine(first.conversationId());

            VisitorPage visitor = VisitorPage.open(browser, page("/second.html", site), site.siteKey());
            visitor.openPanel();
            visitor.startChat("Is anyone there?");
            Locator notice = visitor.widget(".notice");
            notice.waitFor();
            assertThat(notice.textContent()).isEqualTo("You are number 1 in the queue. Expected wait: about 5 min.");

            agent.say(first.conversationId(), "Bye!");
            env.bean(Conversations.class).close(first.conversationId(),
                    dev.parley.conversation.Author.agent(agent.agent().id(), "Alice")).block(WAIT);
            agent.say(visitor.conversationId(), "Hi, I'm here now");
            visitor.awaitBubble("Hi, I'm here now");
            assertThat(notice.isHidden()).isTrue();
            assertThat(visitor.widget(".title").textContent()).isEqualTo("Alice");

            env.bean(Conversations.class).close(visitor.conversationId(),
                    dev.parley.conversation.Author.agent(agent.agent().id(), "Alice")).block(WAIT);
            visitor.widget("[aria-label='4 of 5']").click();
            visitor.widget("#csat-comment").fill("Quick once it started");
            visitor.page.locator("parley-widget").getByText("Send rating").click();
            visitor.page.locator("parley-widget").getByText("Thanks for your feedback!").waitFor();
            // The widget thanks at once; the rating reaches the database a moment later.
            await().atMost(WAIT).until(() -> conversations().find(visitor.conversationId()).block(WAIT).rating() != null);
            assertThat(conversations().find(visitor.conversationId()).block(WAIT).rating()).isEqualTo(4);
        }
    }

    private static Conversations conversations() {
        return env.bean(Conversations.class);
    }

    private static Site site() {
        Fixtures fixtures = env.fixtures();
        return fixtures.site(fixtures.account("Shop"), env.host().origin());
    }

    private static String page(String path, Site site) {
        return env.host().put(path, HostPages.shopPage(env.port(), site.siteKey(), "", true), Map.of());
    }
}
