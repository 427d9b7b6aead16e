package dev.parley.browser;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.testing.Fixtures;
import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in to the real console through an OpenID Connect provider (a real mock provider on
 * loopback): the authorization code flow with PKCE from the browser, then the provider's token on
 * the console's connection, and signing out.
 */
class ConsoleOidcTests {

    private static final String ISSUER_ID = "support";

    private static Chromium chromium;
    private static MockOAuth2Server provider;
    private static ConfigurableApplicationContext node;

    @BeforeAll
    static void start() {
        chromium = Chromium.launch();
        provider = new MockOAuth2Server();
        provider.start();
        node = Nodes.start(TestBackend.selected(), "parley.security.oidc-issuer-uri=" + provider.issuerUrl(ISSUER_ID),
                "parley.security.oidc-client-id=parley-console");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anAgentSignsInWithTheProviderAndIsConnectedWithItsToken() {
        Fixtures fixtures = new Fixtures(node);
        Account account = fixtures.account("Shop");
        Agent sam = fixtures.agent(account, "Sam", Role.AGENT);
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sam-at-provider", "JWT", List.of("parley-console"),
                Map.of("email", sam.email(), "roles", List.of("supervisor")), 3600));
        try (BrowserContext browser = chromium.newContext()) {
            Page page = browser.newPage();
            page.setDefaultTimeout(ConsolePage.WAIT_MS);
            page.navigate("http://127.0.0.1:" + WidgetChatTests.port(node) + "/console/");
            page.locator("button", new Page.LocatorOptions().setHasText("Sign in with your organisation")).click();

            page.locator(".connection.online").waitFor();
            assertThat(page.url()).endsWith("/console/");
            assertThat(page.locator(".me").textContent()).isEqualTo("Sam");
            assertThat(page.locator(".views [data-view=all]").count()).as("the provider's role claim made Sam a supervisor").isOne();
            String stored = (String) page.evaluate("() => localStorage.getItem('parley.console.session')");
            assertThat(stored).contains("\"kind\":\"oidc\"").doesNotContain("code_verifier");

            page.locator("button", new Page.LocatorOptions().setHasText("Sign out")).click();
            page.waitForCondition(() -> page.url().startsWith("http://127.0.0.1:" + WidgetChatTests.port(node) + "/console/")
                    && page.locator("input[name=email]").count() == 1);
            assertThat(page.evaluate("() => localStorage.getItem('parley.console.session')")).isNull();
        }
    }
}
