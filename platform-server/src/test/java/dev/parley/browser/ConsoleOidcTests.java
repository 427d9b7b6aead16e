package dev.parley.browser;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.testing.Fixtures;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in to the real console through an OpenID Connect provider (a real mock provider on
 * loopback): the authorization code flow with PKCE from the browser, then the provider's token on
 * the console's connection, and signing out.
 */
class ConsoleOidcTests {

    private static final String ISSUER_ID = "support";

    @RegisterExtension
    static final BrowserNode env = BrowserNode.console("parley.security.oidc-client-id=parley-console");
    static final BrowserNode.Service<MockOAuth2Server> provider = env.service(ConsoleOidcTests::startedProvider,
            started -> new String[] {"parley.security.oidc-issuer-uri=" + started.issuerUrl(ISSUER_ID)}, MockOAuth2Server::shutdown);

    @Test
    void anAgentSignsInWithTheProviderAndIsConnectedWithItsToken() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Agent sam = fixtures.agent(account, "Sam", Role.AGENT);
        provider.get().enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sam-at-provider", "JWT", List.of("parley-console"),
                Map.of("email", sam.email(), "roles", List.of("supervisor")), 3600));
        try (BrowserContext browser = env.newContext()) {
            Page page = browser.newPage();
            page.setDefaultTimeout(ConsolePage.WAIT_MS);
            page.navigate(env.url("/console/"));
            page.locator("button", new Page.LocatorOptions().setHasText("Sign in with your organisation")).click();

            page.locator(".connection.online").waitFor();
            assertThat(page.url()).endsWith("/console/");
            assertThat(page.locator(".me").textContent()).isEqualTo("Sam");
            assertThat(page.locator(".views [data-view=all]").count()).as("the provider's role claim made Sam a supervisor").isOne();
            String stored = (String) page.evaluate("() => localStorage.getItem('parley.console.session')");
            assertThat(stored).contains("\"kind\":\"oidc\"").doesNotContain("code_verifier");

            page.locator("button", new Page.LocatorOptions().setHasText("Sign out")).click();
            // Signing out shows the sign-in form, then passes through the provider's end-session page and back:
            // a look at the page while it navigates finds no page to look at, and is simply made again.
            page.waitForCondition(() -> signedOutAt(page, env.url("/console/")));
        }
    }

    private static MockOAuth2Server startedProvider() {
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start();
        return provider;
    }

    private static boolean signedOutAt(Page page, String console) {
        try {
            return page.url().startsWith(console) && Boolean.TRUE.equals(page.evaluate(
                    "() => !!document.querySelector('input[name=email]') && localStorage.getItem('parley.console.session') === null"));
        }
        catch (PlaywrightException navigating) {
            return false;
        }
    }
}
