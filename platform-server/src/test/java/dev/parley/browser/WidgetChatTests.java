package dev.parley.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A visitor on a customer's page chats with an agent through the real widget.js, in Chromium, against the real server. */
class WidgetChatTests {

    @RegisterExtension
    static final BrowserNode env = BrowserNode.widget();

    @Test
    void visitorAndAgentChatBothWaysWithTypingAndReadStates() {
        Site site = site();
        try (BrowserContext browser = env.newContext(); AgentSide agent = AgentSide.online(env.node(), site)) {
            VisitorPage visitor = VisitorPage.open(browser, page("/chat.html", site), site.siteKey());
            visitor.openPanel();
            visitor.startChat("Is the blue one in stock?");
            String conversation = visitor.conversationId();
            agent.awaitMine(conversation);
            agent.awaitVisitorMessage("Is the blue one in stock?");
            visitor.awaitStatus("Is the blue one in stock?", "Sent");

            agent.typing(conversation, true);
            visitor.page.waitForCondition(() -> visitor.typingIndicator().equals("Alice is typing…"));
            long reply = agent.say(conversation, "Yes, in every size.");
            visitor.awaitBubble("Yes, in every size.");
            assertThat(visitor.typingIndicator()).isEmpty();
            assertThat(visitor.widget(".title").textContent()).isEqualTo("Alice");

            // The panel is open, so the visitor has read the reply; the agent reads the question.
            agent.awaitVisitorRead(reply);
            agent.read(conversation, reply);
            visitor.awaitStatus("Is the blue one in stock?", "Read");

            visitor.type("Great, I will take them");
            assertThat(agent.awaitVisitorDraft(draft -> draft.startsWith("Great, I"))).startsWith("Great, I");
            visitor.pressEnter();
            agent.awaitVisitorMessage("Great, I will take them");
            assertThat(visitor.bubbles()).containsExactly("Is the blue one in stock?", "Yes, in every size.", "Great, I will take them");
            visitor.page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "browser-screenshots", "chat.png")));
        }
    }

    @Test
    void aReloadKeepsTheConversationAndItsHistory() {
        Site site = site();
        try (BrowserContext browser = env.newContext(); AgentSide agent = AgentSide.online(env.node(), site)) {
            String url = page("/reload.html", site);
            VisitorPage visitor = VisitorPage.open(browser, url, site.siteKey());
            visitor.openPanel();
            visitor.startChat("Do you ship to Norway?");
            String conversation = visitor.conversationId();
            agent.say(conversation, "We do, in 3 days.");
            visitor.awaitBubble("We do, in 3 days.");

            visitor.page.reload();
            visitor.widget(".launcher").waitFor();
            agent.say(conversation, "Anything else?");
            visitor.openPanel();
            visitor.awaitBubble("Anything else?");

            assertThat(visitor.conversationId()).isEqualTo(conversation);
            assertThat(visitor.bubbles()).containsExactly("Do you ship to Norway?", "We do, in 3 days.", "Anything else?");
        }
    }

    @Test
    void twoTabsShareOneSocketAndShowEveryMessageOnce() {
        Site site = site();
        try (BrowserContext browser = env.newContext(); AgentSide agent = AgentSide.online(env.node(), site)) {
            List<String> sockets = new CopyOnWriteArrayList<>();
            browser.onPage(page -> page.onWebSocket(socket -> sockets.add(socket.url())));
            String url = page("/tabs.html", site);
            VisitorPage first = VisitorPage.open(browser, url, site.siteKey());
            first.openPanel();
            first.startChat("Written in the first tab");
            VisitorPage second = VisitorPage.open(browser, url, site.siteKey());
            second.openPanel();
            second.awaitBubble("Written in the first tab");

            second.send("Written in the second tab");
            agent.say(first.conversationId(), "Seen by both");
            for (VisitorPage tab : List.of(first, second)) {
                tab.awaitBubble("Seen by both");
                tab.awaitStatus("Written in the second tab", "Sent");
                assertThat(tab.bubbles()).containsExactly("Written in the first tab", "Written in the second tab", "Seen by both");
            }
            assertThat(sockets).hasSize(1);
        }
    }

    @Test
    void aVisitorMessageWithMarkupIsShownAsTextAndRunsNothing() {
        Site site = site();
        String attack = "<img src=x onerror=window.__pwned=1>";
        try (BrowserContext browser = env.newContext(); AgentSide agent = AgentSide.online(env.node(), site)) {
            VisitorPage visitor = VisitorPage.open(browser, page("/xss.html", site), site.siteKey());
            visitor.openPanel();
            visitor.startChat("Hello");
            visitor.send(attack);
            visitor.awaitStatus(attack, "Sent");
            agent.say(visitor.conversationId(), "<a href=\"javascript:window.__pwned=2\">click</a> " + attack);
            visitor.bubble("click").waitFor();

            assertThat(visitor.bubble(attack).textContent()).isEqualTo(attack);
            assertThat(visitor.widget("img").count()).isZero();
            assertThat(visitor.widget(".bubble a").count()).isZero();
            assertThat(visitor.page.evaluate("() => typeof window.__pwned")).isEqualTo("undefined");
        }
    }

    private static Site site() {
        Fixtures fixtures = env.fixtures();
        return fixtures.site(fixtures.account("Shop"), env.host().origin());
    }

    private static String page(String path, Site site) {
        return env.host().put(path, HostPages.shopPage(env.port(), site.siteKey(), "", true), Map.of());
    }
}
