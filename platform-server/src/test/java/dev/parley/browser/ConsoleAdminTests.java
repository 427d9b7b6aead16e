package dev.parley.browser;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's admin pages against the real server: an admin changes a site's queue rules and
 * the next visitor's chat follows them; a refused value is shown next to its field; an agent
 * gets none of it.
 */
class ConsoleAdminTests {

    @RegisterExtension
    static final BrowserNode env = BrowserNode.console();

    @Test
    void anAgentCannotOpenTheQueueRules() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        fixtures.site(account, ChattingVisitor.ORIGIN);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        try (BrowserContext browser = env.newContext()) {
            ConsolePage agent = ConsolePage.signIn(browser, env.port(), alice);
            List<String> adminCalls = new CopyOnWriteArrayList<>();
            agent.page.onRequest(request -> {
                if (request.url().contains("/api/v1/admin/")) {
                    adminCalls.add(request.url());
                }
            });
            for (String section : List.of("queue", "sites", "agents", "teams", "bans")) {
                agent.page.navigate(env.url("/console/settings/" + section));
                agent.page.locator(".forbidden").waitFor();
                assertThat(agent.page.locator(".admin-page").count()).isZero();
            }
            assertThat(agent.page.locator(".settings-nav").textContent()).doesNotContain("Queue rules", "Sites", "Agents", "Teams");
            assertThat(adminCalls).isEmpty();
        }
    }

    @Test
    void anAdminSwitchesToManualRoutingAndTheNextChatWaitsToBeClaimed() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Site site = fixtures.site(account, ChattingVisitor.ORIGIN);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        try (BrowserContext aliceBrowser = env.newContext(); BrowserContext adaBrowser = env.newContext()) {
            ConsolePage console = ConsolePage.signIn(aliceBrowser, env.port(), alice);
            console.setStatus("online");
            try (ChattingVisitor ann = ChattingVisitor.starts(env.port(), site.siteKey(), "Ann", "Hello, round robin?")) {
                // Under the default policy the chat is Alice's at once.
                console.row(ann.conversationId).waitFor();
                console.page.waitForCondition(() -> "1".equals(console.page.locator(".views [data-view=mine] .badge").textContent()));

                ConsolePage admin = ConsolePage.signIn(adaBrowser, env.port(), ada);
                admin.page.locator("a[href='/console/settings/canned']").click();
                admin.page.locator(".settings-nav a", new Page.LocatorOptions().setHasText("Queue rules")).click();
                Locator form = admin.page.locator("form[aria-label='Queue rules']");
                assertThat(form.locator("input[name=policy][value=ROUND_ROBIN]").isChecked()).isTrue();
                assertThat(form.locator("input[name=maxChatsPerAgent]").inputValue()).isEqualTo("3");
                form.locator("input[name=policy][value=MANUAL]").check();
                form.locator("button[type=submit]").click();
                admin.page.locator(".queue-settings .saved").waitFor();

                JsonNode saved = queueSettings(site, ada);
                assertThat(saved.path("policy").asString()).isEqualTo("MANUAL");
                assertThat(saved.path("maxChatsPerAgent").asInt()).isEqualTo(3);

                try (ChattingVisitor ben = ChattingVisitor.starts(env.port(), site.siteKey(), "Ben", "Hello, manual?")) {
                    console.view("queue");
                    Locator row = console.row(ben.conversationId);
                    row.waitFor();
                    ben.say("Still there?");
                    console.page.waitForCondition(() -> "Still there?".equals(row.locator(".row-preview").textContent()));
                    assertThat(row.locator(".claim").isVisible()).as("the chat waits for an agent to claim it").isTrue();
                    assertThat(console.page.locator(".views [data-view=mine] .badge").textContent()).isEqualTo("1");

                    row.locator(".claim").click();
                    console.page.locator("section.conversation[data-conversation-id='" + ben.conversationId + "']").waitFor();
                    console.reply("Got you, Ben.");
                    ben.awaitAgentMessage("Got you, Ben.");
                }
            }
        }
    }

    @Test
    void aRefusedValueIsShownNextToItsFieldAndNothingIsSaved() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Site site = fixtures.site(account, ChattingVisitor.ORIGIN);
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        try (BrowserContext browser = env.newContext()) {
            ConsolePage admin = ConsolePage.signIn(browser, env.port(), ada);
            admin.page.navigate(env.url("/console/settings/queue"));
            Locator form = admin.page.locator("form[aria-label='Queue rules']");
            form.locator("input[name=maxChatsPerAgent]").fill("0");
            form.locator("input[name=policy][value=LEAST_BUSY]").check();
            form.locator("input[name=hoursOn]").check();
            form.locator("tr[data-day=MONDAY] input[aria-label='Monday to']").fill("08:00");
            form.locator("button[type=submit]").click();

            Locator capacityError = form.locator(".field[data-field=maxChatsPerAgent] .field-error");
            capacityError.waitFor();
            assertThat(capacityError.textContent()).as("the API's field name is left out under the field's label")
                    .isEqualTo("Must be a whole number from 1 to 100");
            assertThat(form.locator("tr[data-day=MONDAY] .field-error").textContent()).contains("businessHours.weekly[0]");
            assertThat(admin.page.locator(".queue-settings .problem").textContent()).contains("Some fields need attention");

            JsonNode stored = queueSettings(site, ada);
            assertThat(stored.path("policy").asString()).isEqualTo("ROUND_ROBIN");
            assertThat(stored.path("businessHours").isMissingNode() || stored.path("businessHours").isNull()).isTrue();

            form.locator("input[name=maxChatsPerAgent]").fill("5");
            form.locator("tr[data-day=MONDAY] input[aria-label='Monday to']").fill("18:00");
            form.locator("button[type=submit]").click();
            admin.page.locator(".queue-settings .saved").waitFor();
            assertThat(form.locator(".field-error").count()).isZero();
            JsonNode saved = queueSettings(site, ada);
            assertThat(saved.path("policy").asString()).isEqualTo("LEAST_BUSY");
            assertThat(saved.path("maxChatsPerAgent").asInt()).isEqualTo(5);
            assertThat(saved.path("businessHours").path("weekly").get(0).path("to").asString()).isEqualTo("18:00");
        }
    }

    /** The site's settings as the admin API answers them, with the admin's own sign-in. */
    private static JsonNode queueSettings(Site site, Agent admin) {
        return AdminHttp.ok(env.http().get().uri("/api/v1/admin/sites/{id}/queue-settings", site.id()).header("Authorization", env.bearer(admin)));
    }
}
