package dev.parley.browser;

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

import static org.assertj.core.api.Assertions.assertThat;

/** A ban an agent makes in a chat, as the admin's bans page lists it, and lifting it there. */
class ConsoleBansTests {

    @RegisterExtension
    static final BrowserNode env = BrowserNode.console();

    @Test
    void aBanMadeInAChatIsListedForTheAdminWhoLiftsIt() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Site site = fixtures.site(account, ChattingVisitor.ORIGIN);
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        try (BrowserContext browser = env.newContext()) {
            ConsolePage admin = ConsolePage.signIn(browser, env.port(), ada);
            admin.setStatus("online");
            String visitorId;
            try (ChattingVisitor troll = ChattingVisitor.starts(env.port(), site.siteKey(), "Troll", "spam spam spam")) {
                admin.row(troll.conversationId).waitFor();
                admin.open(troll.conversationId);
                admin.button("Ban…").click();
                Locator dialog = admin.page.locator("[role=dialog][aria-label='Ban visitor']");
                dialog.locator("input").first().fill("Spamming the shop");
                dialog.locator("select").selectOption("forever");
                dialog.locator("button[type=submit]").click();
                admin.awaitGone(dialog);
                visitorId = AdminHttp.ok(env.http().get().uri("/api/v1/admin/bans").header("Authorization", env.bearer(ada)))
                        .path("items").get(0).path("visitorId").asString();
                assertThat(visitorId).isNotBlank();
            }

            admin.page.navigate(env.url("/console/settings/bans"));
            Locator ban = admin.page.locator(".ban-table tbody tr");
            ban.waitFor();
            admin.page.waitForCondition(() -> ban.textContent().contains("Ada"));
            assertThat(ban.textContent()).contains("Spamming the shop").contains(visitorId).contains("Permanent");
            ban.locator("button", new Locator.LocatorOptions().setHasText("Lift")).click();
            admin.page.locator(".bans p.muted", new Page.LocatorOptions().setHasText("No bans.")).waitFor();
            assertThat(AdminHttp.ok(env.http().get().uri("/api/v1/admin/bans").header("Authorization", env.bearer(ada))).path("items")).isEmpty();

            admin.page.locator(".bans input[type=checkbox]").check();
            admin.page.waitForCondition(() -> admin.page.locator(".ban-table tbody tr").count() == 1);
            assertThat(admin.page.locator(".ban-table tbody tr button").count()).as("a lifted ban cannot be lifted again").isZero();
        }
    }
}
