package dev.parley.browser;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.transcript.ExportSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's export page in a real browser: an agent cannot open it (nor reports, webhooks, retention); an export streams with its
 * progress shown and is saved as a file holding exactly the filtered messages; a slow export can
 * be cancelled midway, and then nothing is saved.
 */
class ConsoleExportTests {

    private static final Instant DAY = Instant.parse("2026-11-10T09:00:00Z");

    @RegisterExtension
    static final BrowserNode env = BrowserNode.console();

    @Test
    void anAgentCannotOpenTheOperationsPages() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Agent bob = fixtures.agent(account, "Bob", Role.AGENT);
        try (BrowserContext browser = env.newContext()) {
            ConsolePage agent = ConsolePage.signIn(browser, env.port(), bob);
            for (String section : List.of("export", "reports", "webhooks", "privacy")) {
                agent.page.navigate(env.url("/console/settings/" + section));
                agent.page.locator(".forbidden h1").waitFor();
                assertThat(agent.page.locator(".forbidden").textContent()).contains("This page is for admins");
                assertThat(agent.page.locator(".settings-nav").textContent())
                        .doesNotContain("Export").doesNotContain("Reports").doesNotContain("Webhooks").doesNotContain("Retention");
                assertThat(agent.page.locator(".admin-page").count()).as(section).isZero();
            }
        }
    }

    @Test
    void anExportOfOneSiteAndDayIsSavedWithEveryOneOfItsMessages() throws Exception {
        Fixtures fixtures = env.fixtures();
        ExportSeeds seeds = new ExportSeeds(env.node());
        Account account = fixtures.account("Shop");
        Site shop = fixtures.site(account, "https://shop.example");
        Site blog = fixtures.site(account, "https://blog.example");
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        String shopper = fixtures.visitor(shop);
        for (int i = 0; i < 3; i++) {
            seeds.messages(seeds.conversation(account.id(), shop.id(), shopper, null, null, "CLOSED", DAY.plusSeconds(i)),
                    DAY.plusSeconds(i), 100, seq -> "shop line " + seq);
        }
        // Not in the export: another site, and the shop on another day.
        seeds.messages(seeds.conversation(account.id(), blog.id(), fixtures.visitor(blog), null, null, "CLOSED", DAY), DAY, 40, seq -> "blog");
        seeds.messages(seeds.conversation(account.id(), shop.id(), shopper, null, null, "CLOSED", DAY.plusSeconds(86_400)),
                DAY.plusSeconds(86_400), 40, seq -> "next day");

        try (BrowserContext browser = env.newContext()) {
            ConsolePage admin = ConsolePage.signIn(browser, env.port(), ada);
            admin.page.navigate(env.url("/console/settings/export"));
            Locator form = admin.page.locator(".export-form");
            form.locator("select[name=siteId] option[value='" + shop.id() + "']").waitFor(new Locator.WaitForOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
            form.locator("input[name=from]").fill("2026-11-10");
            form.locator("input[name=to]").fill("2026-11-10");
            form.locator("select[name=siteId]").selectOption(shop.id());
            form.locator("select[name=format]").selectOption("csv");
            Download download = admin.page.waitForDownload(() -> form.locator("button[type=submit]").click());

            assertThat(download.suggestedFilename()).matches("messages-\\d{4}-\\d{2}-\\d{2}\\.csv");
            List<String> lines = Files.readAllLines(download.path());
            assertThat(lines.get(0)).startsWith("conversation_id,site_id,");
            assertThat(lines).hasSize(301);
            assertThat(lines.subList(1, lines.size())).allMatch(line -> line.contains(shop.id()) && line.contains("shop line"));
            Locator progress = admin.page.locator(".export-progress[data-state=done]");
            progress.waitFor();
            assertThat(progress.textContent()).contains("Saved " + download.suggestedFilename()).contains("300 rows");
        }
    }

    @Test
    void aSlowExportShowsItsProgressAndCancelSavesNothing() {
        Fixtures fixtures = env.fixtures();
        ExportSeeds seeds = new ExportSeeds(env.node());
        Account account = fixtures.account("Shop");
        Site shop = fixtures.site(account, "https://shop.example");
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        String shopper = fixtures.visitor(shop);
        String filler = "x".repeat(480);
        for (int i = 0; i < 20; i++) {
            seeds.messages(seeds.conversation(account.id(), shop.id(), shopper, null, null, "CLOSED", DAY.plusSeconds(i)),
                    DAY.plusSeconds(i), 100, seq -> filler + seq);
        }

        try (BrowserContext browser = env.newContext()) {
            ConsolePage admin = ConsolePage.signIn(browser, env.port(), ada);
            admin.page.navigate(env.url("/console/settings/export"));
            admin.page.locator(".export-form").waitFor();
            AtomicInteger downloads = new AtomicInteger();
            admin.page.onDownload(d -> downloads.incrementAndGet());
            // About 1.2 MB at 40 kB/s: half a minute, so the export is certainly still running when cancelled.
            CDPSession network = browser.newCDPSession(admin.page);
            network.send("Network.enable");
            JsonObject slow = new JsonObject();
            slow.addProperty("offline", false);
            slow.addProperty("latency", 0);
            slow.addProperty("downloadThroughput", 40_000);
            slow.addProperty("uploadThroughput", 40_000);
            network.send("Network.emulateNetworkConditions", slow);

            admin.page.locator(".export-form button[type=submit]").click();
            Locator running = admin.page.locator(".export-progress[data-state=running]");
            admin.page.waitForCondition(() -> running.count() == 1 && Integer.parseInt(running.getAttribute("data-rows")) >= 50);
            int rowsSeen = Integer.parseInt(running.getAttribute("data-rows"));
            assertThat(running.textContent()).contains("Exporting").contains("rows");
            assertThat(admin.page.locator(".export-form button[type=submit]").isDisabled()).isTrue();
            admin.page.waitForCondition(() -> running.count() == 1 && Integer.parseInt(running.getAttribute("data-rows")) > rowsSeen);

            admin.page.locator(".export-form button", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Cancel")).click();
            Locator cancelled = admin.page.locator(".export-progress[data-state=cancelled]");
            cancelled.waitFor();
            int rows = Integer.parseInt(cancelled.getAttribute("data-rows"));
            assertThat(rows).isGreaterThan(rowsSeen).isLessThan(2_000);
            assertThat(cancelled.textContent()).startsWith("Cancelled after");
            admin.page.waitForTimeout(1_000);
            assertThat(downloads.get()).as("a cancelled export saves nothing").isZero();
            assertThat(admin.page.locator(".export-form button[type=submit]").isEnabled()).isTrue();
        }
    }
}
