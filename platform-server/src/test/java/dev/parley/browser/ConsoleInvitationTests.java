package dev.parley.browser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.testing.Fixtures;
import dev.parley.testing.MailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin invites an agent from the console; the agent follows the mailed link (mail received by
 * a real SMTP server), chooses a password in the console, and signs in. The link works once.
 */
class ConsoleInvitationTests {

    @RegisterExtension
    static final BrowserNode env = BrowserNode.console();
    static final BrowserNode.Service<MailServer> mail = env.service(MailServer::new, MailServer::properties, MailServer::stop);

    @Test
    void anInvitedAgentChoosesAPasswordFromTheMailedLinkAndSignsIn() {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        String email = "carol-" + System.nanoTime() + "@example.test";
        try (BrowserContext adminBrowser = env.newContext(); BrowserContext carolBrowser = env.newContext()) {
            ConsolePage admin = ConsolePage.signIn(adminBrowser, env.port(), ada);
            admin.page.navigate(env.url("/console/settings/agents"));
            admin.button("Add agent").click();
            Locator form = admin.page.locator("form[aria-label='New agent']");
            form.locator("input[name=email]").fill(email);
            form.locator("input[name=displayName]").fill("Carol");
            assertThat(form.locator("input[name=signIn]").first().isChecked()).as("invitation is the default").isTrue();
            form.locator("button[type=submit]").click();
            admin.page.locator(".agent-table tr", new Page.LocatorOptions().setHasText(email)).waitFor();

            Matcher link = Pattern.compile("http://[^\\s\"<>]+/console/#invitation=[A-Za-z0-9_-]+")
                    .matcher(GreenMailUtil.getBody(mail.get().await(1)[0]).replace("=\r\n", "").replace("=3D", "="));
            assertThat(link.find()).isTrue();

            Page carol = carolBrowser.newPage();
            carol.setDefaultTimeout(ConsolePage.WAIT_MS);
            carol.navigate(link.group());
            carol.locator("#invitation-title").waitFor();
            carol.locator("input[name=new-password]").fill("carol's own secret");
            carol.locator("input[name=new-password-again]").fill("carol's own secret");
            carol.locator("button[type=submit]").click();
            carol.locator(".login .notice").waitFor();
            assertThat(carol.url()).doesNotContain("invitation");

            carol.locator("input[name=email]").fill(email);
            carol.locator("input[name=password]").fill("carol's own secret");
            carol.locator("button[type=submit]").click();
            carol.locator(".connection.online").waitFor();
            assertThat(carol.locator(".me").textContent()).isEqualTo("Carol");

            Page again = carolBrowser.newPage();
            again.setDefaultTimeout(ConsolePage.WAIT_MS);
            again.navigate(link.group());
            again.locator("input[name=new-password]").fill("another secret of hers");
            again.locator("input[name=new-password-again]").fill("another secret of hers");
            again.locator("button[type=submit]").click();
            assertThat(again.locator(".login-card .error").textContent()).contains("has been used or has expired");
        }
    }
}
