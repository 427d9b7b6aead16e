package dev.parley.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two agents at the real console in Chromium, against the real server, with visitors on the real
 * visitor WebSocket: chats arrive live, replies and notes go where they should, transfers move
 * chats between the agents' screens.
 */
class ConsoleChatTests {

    @RegisterExtension
    static final BrowserNode env = BrowserNode.console();

    @Test
    void anAssignmentAppearsWithoutReloadAReplyReachesTheVisitorAndTheirDraftShowsLive() {
        Team team = team();
        try (BrowserContext aliceBrowser = env.newContext(); BrowserContext bobBrowser = env.newContext()) {
            ConsolePage alice = ConsolePage.signIn(aliceBrowser, env.port(), team.alice);
            ConsolePage bob = ConsolePage.signIn(bobBrowser, env.port(), team.bob);
            alice.setStatus("online");
            try (ChattingVisitor ann = ChattingVisitor.starts(env.port(), team.site.siteKey(), "Ann", "Is the blue one in stock?")) {
                alice.row(ann.conversationId).waitFor();
                alice.page.waitForCondition(() -> "Ann".equals(alice.row(ann.conversationId).locator(".row-name").textContent()));
                alice.page.waitForCondition(() -> "1".equals(alice.page.locator(".views [data-view=mine] .badge").textContent()));
                alice.page.waitForCondition(() -> "1/3".equals(alice.page.locator(".capacity").textContent()));
                assertThat(bob.row(ann.conversationId).count()).as("Bob is offline and it is not his").isZero();

                alice.open(ann.conversationId);
                alice.awaitMessage("Is the blue one in stock?");
                alice.page.waitForCondition(() -> alice.page.locator(".views [data-view=mine] .badge").count() == 0);
                alice.reply("Yes, in every size.");
                assertThat(ann.awaitAgentMessage("Yes, in every size.").path("author").path("name").asString()).isEqualTo("Alice");
                alice.awaitMessage("Yes, in every size.");

                ann.typing("Could you also ch");
                alice.page.locator(".draft-preview .draft-text").filter(new com.microsoft.playwright.Locator.FilterOptions()
                        .setHasText("Could you also ch")).waitFor();
                ann.typing("Could you also check the red one?");
                alice.page.locator(".draft-text").filter(new com.microsoft.playwright.Locator.FilterOptions()
                        .setHasText("Could you also check the red one?")).waitFor();
                ann.say("Could you also check the red one?");
                alice.awaitMessage("Could you also check the red one?");
                assertThat(alice.page.locator(".draft-preview").count()).as("a message ends the preview").isZero();
                assertThat(alice.page.locator(".visitor-panel .local-time").textContent()).contains("Europe/Oslo");
                alice.page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "browser-screenshots", "console-chat.png")));
            }
        }
    }

    @Test
    void aNoteIsShownAsANoteToAgentsAndNeverReachesTheVisitor() {
        Team team = team();
        try (BrowserContext browser = env.newContext()) {
            ConsolePage alice = ConsolePage.signIn(browser, env.port(), team.alice);
            alice.setStatus("online");
            try (ChattingVisitor ann = ChattingVisitor.starts(env.port(), team.site.siteKey(), "Ann", "My order is late")) {
                alice.row(ann.conversationId).waitFor();
                alice.open(ann.conversationId);
                alice.noteMode();
                alice.reply("Customer has asked twice already; escalate if it happens again");
                assertThat(alice.awaitMessage("Customer has asked twice already").first().getAttribute("class")).contains("note");
                assertThat(alice.awaitMessage("Customer has asked twice already").first().locator(".note-label").textContent())
                        .contains("Internal note");
                alice.replyMode();
                alice.reply("I am checking with the warehouse.");
                ann.awaitAgentMessage("I am checking with the warehouse.");

                List<JsonNode> frames = ann.frames(Duration.ofSeconds(1));
                assertThat(frames.toString()).doesNotContain("escalate");
                assertThat(ann.history()).contains("I am checking with the warehouse.").noneMatch(body -> body.contains("escalate"));
            }
        }
    }

    @Test
    void aTransferMovesTheChatFromOneAgentsScreenToTheOthers() {
        Team team = team();
        try (BrowserContext aliceBrowser = env.newContext(); BrowserContext bobBrowser = env.newContext()) {
            ConsolePage alice = ConsolePage.signIn(aliceBrowser, env.port(), team.alice);
            ConsolePage bob = ConsolePage.signIn(bobBrowser, env.port(), team.bob);
            alice.setStatus("online");
            try (ChattingVisitor ann = ChattingVisitor.starts(env.port(), team.site.siteKey(), "Ann", "I need a manager")) {
                alice.row(ann.conversationId).waitFor();
                bob.setStatus("online");
                alice.open(ann.conversationId);
                alice.button("Transfer").click();
                alice.page.locator(".dialog [data-agent-id='" + team.bob.id() + "']").click();

                bob.row(ann.conversationId).waitFor();
                alice.awaitGone(alice.row(ann.conversationId));
                bob.page.waitForCondition(() -> "1/3".equals(bob.page.locator(".capacity").textContent()));
                alice.page.waitForCondition(() -> "0/3".equals(alice.page.locator(".capacity").textContent()));
                bob.open(ann.conversationId);
                bob.awaitMessage("I need a manager");
                bob.reply("Bob here, the manager.");
                ann.awaitAgentMessage("Bob here, the manager.");
            }
        }
    }

    @Test
    void statusAndLoadAgreeAcrossTheAgentsTabs() {
        Team team = team();
        try (BrowserContext browser = env.newContext()) {
            ConsolePage first = ConsolePage.signIn(browser, env.port(), team.alice);
            ConsolePage second = ConsolePage.anotherTab(browser, env.port(), team.alice);
            first.setStatus("online");
            second.page.waitForCondition(() -> "online".equals(second.page.locator("#status-select").inputValue()));
            try (ChattingVisitor ann = ChattingVisitor.starts(env.port(), team.site.siteKey(), "Ann", "Hello")) {
                for (ConsolePage tab : List.of(first, second)) {
                    tab.row(ann.conversationId).waitFor();
                    tab.page.waitForCondition(() -> "1/3".equals(tab.page.locator(".capacity").textContent()));
                }
                second.setStatus("away");
                first.page.waitForCondition(() -> "away".equals(first.page.locator("#status-select").inputValue()));
            }
        }
    }

    /** An account with a site, an agent Alice and an agent Bob; both start offline. */
    private static Team team() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        return new Team(fixtures.site(account, ChattingVisitor.ORIGIN), fixtures.agent(account, "Alice", Role.AGENT),
                fixtures.agent(account, "Bob", Role.AGENT));
    }

    private record Team(Site site, Agent alice, Agent bob) {
    }
}
