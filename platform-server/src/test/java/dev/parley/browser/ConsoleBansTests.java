package dev.parley.browser;

import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A ban an agent makes in a chat, as the admin's bans page lists it, and lifting it there. */
class ConsoleBansTests {

    private static Chromium chromium;
    private static ConfigurableApplicationContext node;

    @BeforeAll
    static void start() {
        chromium = Chromium.launch();
        node = Nodes.start(TestBackend.selected());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aBanMadeInAChatIsListedForTheAdminWhoLiftsIt() {
        Fixtures fixtures = new Fixtures(node);
        Account account = fixtures.account("Shop");
        Site site = fixtures.site(account, ChattingVisitor.ORIGIN);
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        try (BrowserContext browser = chromium.newContext()) {
            ConsolePage admin = ConsolePage.signIn(browser, port(), ada);
            admin.setStatus("online");
            String visitorId;
            try (ChattingVisitor troll = ChattingVisitor.starts(port(), site.siteKey(), "Troll", "spam spam spam")) {
                admin.row(troll.conversationId).waitFor();
                admin.open(troll.conversationId);
                admin.button("Ban…").click();
                Locator dialog = admin.page.locator("[role=dialog][aria-label='Ban visitor']");
                dialog.locator("input").first().fill("Spamming the shop");
                dialog.locator("select").selectOption("forever");
                dialog.locator("button[type=submit]").click();
                admin.awaitGone(dialog);
                visitorId = AdminHttp.ok(http().get().uri("/api/v1/admin/bans").header("Authorization", bearer(ada)))
                        .path("items").get(0).path("visitorId").asString();
                assertThat(visitorId).isNotBlank();
            }

            admin.page.navigate(url("/console/settings/bans"));
            Locator ban = admin.page.locator(".ban-table tbody tr");
            ban.waitFor();
            admin.page.waitForCondition(() -> ban.textContent().contains("Ada"));
            assertThat(ban.textContent()).contains("Spamming the shop").contains(visitorId).contains("Permanent");
            ban.locator("button", new Locator.LocatorOptions().setHasText("Lift")).click();
            admin.page.locator(".bans p.muted", new Page.LocatorOptions().setHasText("No bans.")).waitFor();
            assertThat(AdminHttp.ok(http().get().uri("/api/v1/admin/bans").header("Authorization", bearer(ada))).path("items")).isEmpty();

            admin.page.locator(".bans input[type=checkbox]").check();
            admin.page.waitForCondition(() -> admin.page.locator(".ban-table tbody tr").count() == 1);
            assertThat(admin.page.locator(".ban-table tbody tr button").count()).as("a lifted ban cannot be lifted again").isZero();
        }
    }

    private static String bearer(Agent admin) {
        String token = http().post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("email", admin.email(), "password", "password-" + admin.displayName()))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("accessToken").asString();
        return "Bearer " + token;
    }

    private static WebTestClient http() {
        return AdminHttp.http(port());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private static int port() {
        return WidgetChatTests.port(node);
    }
}
