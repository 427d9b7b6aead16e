package dev.parley.browser;

import java.nio.file.Files;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.conversation.Conversation;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin's retention and visitor-data page in a real browser. */
class ConsolePrivacyTests {

    @RegisterExtension
    static final BrowserNode env = BrowserNode.console();

    @Test
    void anAdminSetsRetentionThenDownloadsAndErasesAVisitorsData() throws Exception {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Site site = fixtures.site(account, "https://shop.example");
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        Conversation conversation = fixtures.conversation(site);
        String visitorId = conversation.visitorId();
        try (BrowserContext browser = env.newContext()) {
            ConsolePage admin = ConsolePage.signIn(browser, env.port(), ada);
            Page page = admin.page;
            page.navigate(env.url("/console/settings/privacy"));
            Locator retention = page.locator(".retention-form");
            Locator days = retention.locator("input[name=retentionDays]");
            page.waitForCondition(days::isEnabled);
            assertThat(days.inputValue()).as("kept forever until set").isEmpty();
            days.fill("0");
            retention.locator("button[type=submit]").click();
            retention.locator(".field-error[data-field=retentionDays]").waitFor();
            days.fill("30");
            retention.locator("button[type=submit]").click();
            retention.locator(".saved").waitFor();
            page.reload();
            page.waitForCondition(() -> "30".equals(days.inputValue()));

            Locator data = page.locator(".visitor-data");
            data.locator("input[name=visitorId]").fill(visitorId);
            Download download = page.waitForDownload(() -> data.locator("button", new Locator.LocatorOptions().setHasText("Download data")).click());
            assertThat(download.suggestedFilename()).isEqualTo("parley-visitor-" + visitorId + ".json");
            assertThat(Files.readString(download.path())).contains(visitorId).contains(conversation.id());

            data.locator("button", new Locator.LocatorOptions().setHasText("Erase visitor")).click();
            Locator confirm = page.locator("[role=alertdialog][aria-label='Erase visitor']");
            assertThat(confirm.textContent()).contains(visitorId).contains("cannot be undone");
            confirm.locator("button", new Locator.LocatorOptions().setHasText("Keep")).click();
            assertThat(confirm.count()).isZero();
            data.locator("button", new Locator.LocatorOptions().setHasText("Erase visitor")).click();
            confirm.locator("button", new Locator.LocatorOptions().setHasText("Erase for good")).click();
            Locator erased = data.locator(".erased");
            erased.waitFor();
            assertThat(erased.textContent()).contains("Erased visitor " + visitorId).contains("1 conversation,");

            data.locator("button", new Locator.LocatorOptions().setHasText("Download data")).click();
            data.locator(".problem").waitFor();
            assertThat(page.locator(".visitor-data .problem").textContent()).isNotBlank();
        }
    }
}
