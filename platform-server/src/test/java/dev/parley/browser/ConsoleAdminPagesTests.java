package dev.parley.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin sets up an account from the console's admin pages: a site with its script tag and
 * identity secret, a new agent who then signs in, a team with that agent in it, and the agent's
 * deactivation, which signs them out. Each refusal shows where the admin typed the refused value.
 */
class ConsoleAdminPagesTests {

    @RegisterExtension
    static final BrowserNode env = BrowserNode.console();

    @Test
    void anAdminAddsASiteWhoseScriptTagIsReadyToPaste() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        try (BrowserContext browser = env.newContext()) {
            ConsolePage admin = ConsolePage.signIn(browser, env.port(), ada);
            admin.page.navigate(env.url("/console/settings/sites"));
            admin.button("New site").click();
            Locator form = admin.page.locator("form[aria-label='New site']");
            form.locator("input[name=name]").fill("Blog");
            form.locator("textarea[name=allowedOrigins]").fill("https://blog.example\nblog.example/path");
            form.locator("textarea[name=greeting]").fill("Hi! Questions about an article?");
            form.locator("button[type=submit]").click();

            Locator originError = form.locator(".field[data-field=allowedOrigins] .field-error");
            originError.waitFor();
            assertThat(originError.textContent()).contains("allowedOrigins[1]").contains("origin");
            assertThat(admin.page.locator(".site-list li").count()).isZero();

            form.locator("textarea[name=allowedOrigins]").fill("https://blog.example\nhttps://www.blog.example");
            form.locator("button[type=submit]").click();
            Locator site = admin.page.locator(".site-list li", new Page.LocatorOptions().setHasText("Blog"));
            site.waitFor();
            assertThat(site.locator("p.muted").textContent()).isEqualTo("https://blog.example, https://www.blog.example");

            JsonNode stored = AdminHttp.ok(env.http().get().uri("/api/v1/admin/sites").header("Authorization", env.bearer(ada))).path("items").get(0);
            assertThat(stored.path("greeting").asString()).isEqualTo("Hi! Questions about an article?");
            assertThat(site.getAttribute("data-site-id")).isEqualTo(stored.path("id").asString());
            assertThat(site.locator(".snippet").inputValue()).isEqualTo(stored.path("snippet").asString())
                    .contains("data-site=\"" + stored.path("siteKey").asString() + "\"");

            admin.page.onDialog(dialog -> dialog.accept());
            site.locator("button", new Locator.LocatorOptions().setHasText("Show identity secret")).click();
            Locator secret = site.locator("input[aria-label='Identity secret']");
            secret.waitFor();
            String first = secret.inputValue();
            assertThat(first).isEqualTo(identitySecret(ada, stored.path("id").asString()));
            site.locator("button", new Locator.LocatorOptions().setHasText("Rotate secret")).click();
            admin.page.waitForCondition(() -> !first.equals(secret.inputValue()));
            assertThat(secret.inputValue()).isEqualTo(identitySecret(ada, stored.path("id").asString()));
        }
    }

    @Test
    void anAdminAddsAnAgentPutsThemInATeamAndDeactivatesThem() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        String email = "sid-" + System.nanoTime() + "@example.test";
        try (BrowserContext adminBrowser = env.newContext(); BrowserContext sidBrowser = env.newContext()) {
            ConsolePage admin = ConsolePage.signIn(adminBrowser, env.port(), ada);
            admin.page.onDialog(dialog -> dialog.accept());
            admin.page.navigate(env.url("/console/settings/agents"));
            admin.button("Add agent").click();
            Locator form = admin.page.locator("form[aria-label='New agent']");
            form.locator("input[name=email]").fill(email);
            form.locator("input[name=displayName]").fill("Sid");
            form.locator("select[name=role]").selectOption("SUPERVISOR");
            form.locator("input[name=signIn]").nth(1).check();
            form.locator("input[name=password]").fill("too short");
            form.locator("button[type=submit]").click();
            Locator passwordError = form.locator(".field[data-field=password] .field-error");
            passwordError.waitFor();
            assertThat(passwordError.textContent()).isEqualTo("Must be 10 to 1024 characters");

            form.locator("input[name=password]").fill("password-Sid");
            form.locator("button[type=submit]").click();
            Locator row = admin.page.locator(".agent-table tr", new Page.LocatorOptions().setHasText(email));
            row.waitFor();
            String sidId = row.getAttribute("data-agent-id");
            assertThat(row.locator("select").inputValue()).isEqualTo("SUPERVISOR");

            Page sid = sidBrowser.newPage();
            sid.setDefaultTimeout(ConsolePage.WAIT_MS);
            sid.navigate(env.url("/console/"));
            sid.locator("input[name=email]").fill(email);
            sid.locator("input[name=password]").fill("password-Sid");
            sid.locator("button[type=submit]").click();
            sid.locator(".connection.online").waitFor();
            assertThat(sid.locator(".me").textContent()).isEqualTo("Sid");
            assertThat(sid.locator(".views [data-view=all]").count()).as("a supervisor sees every open chat").isOne();

            admin.page.locator(".settings-nav a", new Page.LocatorOptions().setHasText("Teams")).click();
            Locator newTeam = admin.page.locator("form[aria-label='New team']");
            newTeam.locator("input[name=name]").fill("Sales");
            newTeam.locator("button[type=submit]").click();
            Locator team = admin.page.locator(".team-list li.team");
            team.waitFor();
            team.locator("select[aria-label='Add to Sales']").selectOption(new SelectOption().setLabel("Sid"));
            team.locator("button", new Locator.LocatorOptions().setHasText("Add")).last().click();
            team.locator(".members li[data-agent-id='" + sidId + "']").waitFor();
            assertThat(team.locator(".members").textContent()).contains("Sid");
            newTeam.locator("input[name=name]").fill("Sales");
            newTeam.locator("button[type=submit]").click();
            admin.page.locator(".teams .problem").waitFor();
            assertThat(admin.page.locator(".team-list li.team").count()).isOne();
            JsonNode teams = AdminHttp.ok(env.http().get().uri("/api/v1/admin/teams").header("Authorization", env.bearer(ada)));
            assertThat(teams.get(0).path("memberIds").get(0).asString()).isEqualTo(sidId);

            admin.page.locator(".settings-nav a", new Page.LocatorOptions().setHasText("Agents")).click();
            row.locator("button", new Locator.LocatorOptions().setHasText("Deactivate")).click();
            admin.page.waitForCondition(() -> row.textContent().contains("Deactivated"));
            sid.locator("input[name=email]").waitFor();
            assertThat(sid.evaluate("() => localStorage.getItem('parley.console.session')")).as("Sid is signed out").isNull();
        }
    }

    private static String identitySecret(Agent admin, String siteId) {
        return AdminHttp.ok(env.http().get().uri("/api/v1/admin/sites/{id}/identity-secret", siteId).header("Authorization", env.bearer(admin)))
                .path("identitySecret").asString();
    }
}
