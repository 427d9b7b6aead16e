package dev.parley.browser;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.HookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's webhooks page in a real browser, against a real receiver on loopback (allowed here
 * by the named setting): create with the secret shown once, a failed delivery retried from the
 * log, events edited, the secret rotated, the webhook deleted.
 */
class ConsoleWebhooksTests {

    @RegisterExtension
    static final BrowserNode env = BrowserNode.console("parley.webhooks.allow-private-addresses=true", "parley.webhooks.poll-interval=100ms",
                "parley.webhooks.initial-backoff=200ms", "parley.webhooks.max-backoff=1s", "parley.webhooks.max-attempts=2",
                "parley.webhooks.subscription-cache-ttl=100ms");

    @Test
    void anAdminCreatesAWebhookRetriesAFailedDeliveryEditsRotatesAndDeletesIt() throws Exception {
        Fixtures fixtures = env.fixtures();
        Account account = fixtures.account("Shop");
        Site site = fixtures.site(account, "https://shop.example");
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        try (HookReceiver receiver = HookReceiver.start(); BrowserContext browser = env.newContext()) {
            // Both automatic attempts fail; the retry from the log succeeds.
            receiver.answer(n -> n < 2 ? 500 : 204);
            ConsolePage admin = ConsolePage.signIn(browser, env.port(), ada);
            Page page = admin.page;
            page.onDialog(dialog -> dialog.accept());
            page.navigate(env.url("/console/settings/webhooks"));
            Locator form = page.locator(".new-webhook");
            form.locator("input[name=url]").fill(receiver.url("/hook"));
            form.locator("input[name=description]").fill("CRM");
            for (String other : new String[] {"conversation.assigned", "conversation.closed", "message.created"}) {
                form.locator("input[name=events][value='" + other + "']").uncheck();
            }
            form.locator("button[type=submit]").click();
            Locator secretBox = page.locator(".secret-once input");
            secretBox.waitFor();
            String secret = secretBox.inputValue();
            assertThat(secret).startsWith("whsec_");
            Locator card = page.locator(".webhook-list > li");
            card.waitFor();
            assertThat(card.locator("input[name=url]").inputValue()).isEqualTo(receiver.url("/hook"));
            page.locator(".secret-once button", new Page.LocatorOptions().setHasText("Done")).click();
            assertThat(page.locator(".secret-once").count()).isZero();

            fixtures.conversation(site);
            card.locator("button", new Locator.LocatorOptions().setHasText("Deliveries")).click();
            Locator delivery = card.locator(".delivery-table tbody tr");
            Locator refresh = card.locator(".delivery-log button", new Locator.LocatorOptions().setHasText("Refresh"));
            page.waitForCondition(() -> {
                refresh.click();
                return delivery.count() == 1 && "FAILED".equals(delivery.getAttribute("data-status"));
            });
            assertThat(delivery.textContent()).contains("conversation.created").contains("HTTP 500");
            delivery.locator("button", new Locator.LocatorOptions().setHasText("Retry")).click();
            page.waitForCondition(() -> {
                refresh.click();
                return "DELIVERED".equals(delivery.getAttribute("data-status"));
            });
            assertThat(delivery.locator("button").count()).isZero();
            HookReceiver.Received last = receiver.received().get(receiver.received().size() - 1);
            assertThat(last.header("Parley-Signature"))
                    .as("signed with the secret the page showed once")
                    .isEqualTo("v1=" + hmac(secret, last.header("Parley-Timestamp") + "." + last.body()));

            card.locator("input[name=events][value='message.created']").check();
            card.locator("button[type=submit]").click();
            card.locator(".saved").waitFor();
            page.reload();
            card.locator("input[name=url]").waitFor();
            assertThat(card.locator("input[name=events][value='message.created']").isChecked()).isTrue();
            assertThat(card.locator("input[name=events][value='conversation.closed']").isChecked()).isFalse();
            assertThat(page.locator(".secret-once").count()).as("a secret is never shown again").isZero();

            card.locator("button", new Locator.LocatorOptions().setHasText("Rotate secret")).click();
            secretBox.waitFor();
            assertThat(secretBox.inputValue()).startsWith("whsec_").isNotEqualTo(secret);

            card.locator("button", new Locator.LocatorOptions().setHasText("Delete")).click();
            page.locator(".webhooks p.muted", new Page.LocatorOptions().setHasText("No webhooks yet.")).waitFor();
            assertThat(page.locator(".webhook-list > li").count()).isZero();
        }
    }

    static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
