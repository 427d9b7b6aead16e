package dev.parley.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console under a lost network, hostile visitors and an agent trying admin pages; and canned
 * responses from the settings page to the visitor.
 */
class ConsoleSafetyTests {

    // Fifty hostile messages in a row exceed the default burst of 30; the limit is not what this tests.
    @RegisterExtension
    static final BrowserNode env = BrowserNode.console("parley.visitor-gateway.send-burst=80");

    @Test
    void goingOfflineAndBackLosesNothingAndDuplicatesNothing() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Site site = fixtures.site(account, ChattingVisitor.ORIGIN);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        try (BrowserContext browser = env.newContext()) {
            ConsolePage console = ConsolePage.signIn(browser, env.port(), alice);
            console.setStatus("online");
            try (ChattingVisitor ann = ChattingVisitor.starts(env.port(), site.siteKey(), "Ann", "Hello?")) {
                console.row(ann.conversationId).waitFor();
                console.open(ann.conversationId);
                console.awaitMessage("Hello?");

                browser.setOffline(true);
                console.page.locator(".connection.reconnecting").waitFor();
                for (int i = 1; i <= 3; i++) {
                    ann.say("Written while you were offline " + i);
                }
                console.reply("Sent while offline");
                console.page.locator(".transcript .message.pending").waitFor();

                browser.setOffline(false);
                console.awaitConnected();
                console.awaitMessage("Written while you were offline 3");
                console.awaitMessage("Sent while offline");
                console.page.waitForCondition(() -> console.page.locator(".transcript .message.pending").count() == 0);
                ann.awaitAgentMessage("Sent while offline");
                ann.say("Thanks");
                console.awaitMessage("Thanks");

                List<String> bodies = console.bodies();
                assertThat(bodies).containsExactly("Hello?", "Written while you were offline 1", "Written while you were offline 2",
                        "Written while you were offline 3", "Sent while offline", "Thanks");
                assertThat(ann.history()).containsOnlyOnce("Sent while offline");
                long echoes = ann.frames(Duration.ofMillis(500)).stream().filter(f -> "message".equals(f.path("type").asString())
                        && "Sent while offline".equals(f.path("body").asString())).count();
                assertThat(echoes).as("the visitor got the reply once").isEqualTo(1);
            }
        }
    }

    @Test
    void fiftyHostilePayloadsFromAVisitorRenderAsTextAndRunNothing() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Site site = fixtures.site(account, ChattingVisitor.ORIGIN);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        List<String> payloads = payloads();
        assertThat(payloads).hasSize(50).doesNotHaveDuplicates();
        try (BrowserContext browser = env.newContext()) {
            ConsolePage console = ConsolePage.signIn(browser, env.port(), alice);
            console.setStatus("online");
            String hostileName = "<img src=x onerror=\"window.__pwned='name'\">";
            try (ChattingVisitor mallory = ChattingVisitor.starts(env.port(), site.siteKey(), hostileName, "hi")) {
                console.row(mallory.conversationId).waitFor();
                console.open(mallory.conversationId);
                for (String payload : payloads) {
                    mallory.say(payload);
                }
                mallory.typing("<svg onload=\"window.__pwned='draft'\">");
                console.awaitMessage(payloads.get(payloads.size() - 1));
                console.page.waitForCondition(() -> console.bodies().size() == 51);

                assertThat(console.bodies()).containsExactlyElementsOf(concat("hi", payloads));
                console.page.locator(".draft-text").waitFor();
                assertThat(console.page.locator(".draft-text").textContent()).contains("<svg onload=");
                console.page.waitForCondition(() -> hostileName.equals(console.row(mallory.conversationId).locator(".row-name").textContent()));
                assertThat(console.page.locator(".visitor-name").textContent()).contains(hostileName);
                Locator transcript = console.page.locator(".transcript");
                assertThat(transcript.locator("img, svg, iframe, script, object, embed, a, form").count()).isZero();
                assertThat(console.page.locator(".conversation-list img, .visitor-panel img, .visitor-panel svg").count()).isZero();
                console.page.waitForTimeout(500);
                assertThat(console.page.evaluate("() => typeof window.__pwned")).isEqualTo("undefined");
            }
        }
    }

    @Test
    void anAgentCannotOpenAdminPagesWhileAnAdminCan() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        try (BrowserContext agentBrowser = env.newContext(); BrowserContext adminBrowser = env.newContext()) {
            ConsolePage agent = ConsolePage.signIn(agentBrowser, env.port(), alice);
            List<String> adminCalls = new CopyOnWriteArrayList<>();
            agent.page.onRequest(request -> {
                if (request.url().contains("/api/v1/admin/")) {
                    adminCalls.add(request.url());
                }
            });
            agent.page.navigate(env.url("/console/settings/audit-log"));
            agent.page.locator(".forbidden").waitFor();
            assertThat(agent.page.locator(".forbidden h1").textContent()).isEqualTo("Not available");
            assertThat(agent.page.locator(".audit-log").count()).isZero();
            assertThat(agent.page.locator(".settings-nav").textContent()).doesNotContain("Audit log");
            assertThat(adminCalls).isEmpty();

            ConsolePage admin = ConsolePage.signIn(adminBrowser, env.port(), ada);
            admin.page.navigate(env.url("/console/settings/canned"));
            admin.page.locator("[data-scope=shared] button", new com.microsoft.playwright.Page.LocatorOptions()
                    .setHasText("New shared response")).click();
            admin.page.locator(".canned-form input[name=shortcut]").fill("greet");
            admin.page.locator(".canned-form input[name=title]").fill("Greeting");
            admin.page.locator(".canned-form textarea[name=body]").fill("Hello, thanks for reaching out! How can I help?");
            admin.page.locator(".canned-form button[type=submit]").click();
            admin.page.locator("[data-scope=shared] [data-shortcut=greet]").waitFor();

            admin.page.locator(".settings-nav a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Audit log")).click();
            admin.page.locator(".audit-log tbody tr").first().waitFor();
            assertThat(admin.page.locator(".audit-log tbody tr").first().textContent()).contains("canned_response.created").contains("Ada");
        }
    }

    @Test
    void aSlashShortcutExpandsACannedResponseThatReachesTheVisitor() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Site site = fixtures.site(account, ChattingVisitor.ORIGIN);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        try (BrowserContext browser = env.newContext()) {
            ConsolePage console = ConsolePage.signIn(browser, env.port(), alice);
            console.page.navigate(env.url("/console/settings/canned"));
            console.awaitConnected();
            console.page.locator("[data-scope=personal] button", new com.microsoft.playwright.Page.LocatorOptions()
                    .setHasText("New personal response")).click();
            console.page.locator(".canned-form input[name=shortcut]").fill("/ship");
            console.page.locator(".canned-form input[name=title]").fill("Shipping times");
            console.page.locator(".canned-form textarea[name=body]").fill("We ship within 2 working days.");
            console.page.locator(".canned-form button[type=submit]").click();
            console.page.locator("[data-scope=personal] [data-shortcut=ship]").waitFor();
            console.button("Back to chats").click();

            console.setStatus("online");
            try (ChattingVisitor ann = ChattingVisitor.starts(env.port(), site.siteKey(), "Ann", "When do you ship?")) {
                console.row(ann.conversationId).waitFor();
                console.open(ann.conversationId);
                Locator composer = console.page.locator("#composer");
                assertThat(composer.getAttribute("maxlength")).as("the server's message limit: a paste stays under the transport's frame")
                        .isEqualTo("10000");
                composer.pressSequentially("Hi! /sh");
                console.page.locator(".canned-suggestions [role=option]").first().waitFor();
                assertThat(console.page.locator(".canned-suggestions").textContent()).contains("/ship").contains("Shipping times");
                composer.press("Tab");
                assertThat(composer.inputValue()).isEqualTo("Hi! We ship within 2 working days.");
                composer.press("Enter");
                ann.awaitAgentMessage("Hi! We ship within 2 working days.");
            }
        }
    }

    /** Markup, script URLs and markdown-looking images, each of which would run code if rendered as HTML. */
    static List<String> payloads() {
        String[] vectors = {
            "<img src=x onerror=\"window.__pwned=1\">", "<svg onload=\"window.__pwned=1\">", "<script>window.__pwned=1</script>",
            "<a href=\"javascript:window.__pwned=1\">click me</a>", "![x](javascript:window.__pwned=1)",
            "[click](javascript:window.__pwned=1)", "<iframe src=\"javascript:window.__pwned=1\"></iframe>",
            "<body onload=window.__pwned=1>", "<details open ontoggle=\"window.__pwned=1\">", "<input autofocus onfocus=\"window.__pwned=1\">",
        };
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (String vector : vectors) {
                payloads.add(i == 0 ? vector : switch (i) {
                    case 1 -> vector.toUpperCase(java.util.Locale.ROOT).replace("WINDOW.__PWNED", "window.__pwned");
                    case 2 -> "\"><" + vector.substring(1);
                    case 3 -> "text before " + vector + " text after";
                    default -> "![img](x\" onerror=\"window.__pwned=" + payloads.size() + ") " + vector.replace("1", String.valueOf(i));
                });
            }
        }
        return payloads;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
