package dev.parley.browser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ScreenshotAnimations;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The widget neither suffers from nor harms the page it runs on, and stays usable for everyone. */
class WidgetIsolationTests {

    static final String HOSTILE_CSS = "<style>* { all: unset; color: red !important; font-size: 40px !important }</style>";
    /** axe-core from widget-js's devDependencies; Maven's build of widget-js installs it before this module's tests. */
    static final Path AXE = Path.of("../widget-js/node_modules/axe-core/axe.min.js");

    @RegisterExtension
    static final BrowserNode env = BrowserNode.widget();

    @Test
    void hostileHostCssLeavesTheWidgetLookingTheSame() throws IOException {
        Site site = site();
        int port = env.port();
        String plain = env.host().put("/plain.html", HostPages.shopPage(port, site.siteKey(), "", true), Map.of());
        String hostile = env.host().put("/hostile.html", HostPages.shopPage(port, site.siteKey(), HOSTILE_CSS, true), Map.of());

        try (BrowserContext first = env.newContext(); BrowserContext second = env.newContext()) {
            VisitorPage calm = VisitorPage.open(first, plain, site.siteKey());
            VisitorPage attacked = VisitorPage.open(second, hostile, site.siteKey());
            // The hostile rules did reach the page itself: the comparison below is not vacuous.
            assertThat(attacked.page.locator("h1").evaluate("e => getComputedStyle(e).color")).isEqualTo("rgb(255, 0, 0)");
            assertThat(calm.page.locator("h1").evaluate("e => getComputedStyle(e).color")).isNotEqualTo("rgb(255, 0, 0)");

            assertLooksTheSame(shot(calm.widget(".launcher")), shot(attacked.widget(".launcher")), "launcher");
            calm.openPanel();
            attacked.openPanel();
            calm.widget("#pf-message").waitFor();
            attacked.widget("#pf-message").waitFor();
            assertLooksTheSame(shot(calm.widget(".panel")), shot(attacked.widget(".panel")), "panel");
        }
    }

    @Test
    void aStrictCspPageRunsTheWholeChatWithoutViolations() {
        Site site = site();
        int port = env.port();
        String parley = "http://127.0.0.1:" + port;
        String csp = "default-src 'none'; script-src " + parley + "; connect-src " + parley + " ws://127.0.0.1:" + port
                + "; style-src 'none'; img-src 'none'";
        String url = env.host().put("/csp.html", HostPages.shopPage(port, site.siteKey(), "", false), Map.of("Content-Security-Policy", csp));

        try (BrowserContext browser = env.newContext(); AgentSide agent = AgentSide.online(env.node(), site)) {
            browser.addInitScript("window.__violations = [];"
                    + "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");
            VisitorPage visitor = VisitorPage.open(browser, url, site.siteKey());
            visitor.openPanel();
            visitor.startChat("Hello from a strict page");
            agent.say(visitor.conversationId(), "Hello back");
            visitor.awaitBubble("Hello back");
            visitor.awaitStatus("Hello from a strict page", "Sent");

            // The adopted stylesheets applied although the page allows no style at all.
            assertThat(visitor.widget(".launcher").evaluate("e => getComputedStyle(e).backgroundColor")).isEqualTo("rgb(37, 99, 235)");
            assertThat(visitor.widget(".panel").evaluate("e => getComputedStyle(e).position")).isEqualTo("fixed");
            assertThat((List<?>) visitor.page.evaluate("() => window.__violations")).isEmpty();
        }
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationWithThePanelOpen() throws IOException {
        assertThat(AXE).as("run the Maven build (npm ci in widget-js) first").exists();
        Site site = site();
        String url = env.host().put("/axe.html", HostPages.shopPage(env.port(), site.siteKey(), "", true), Map.of());
        try (BrowserContext browser = env.newContext(); AgentSide agent = AgentSide.online(env.node(), site)) {
            VisitorPage visitor = VisitorPage.open(browser, url, site.siteKey());
            visitor.page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(AXE)));
            visitor.openPanel();
            visitor.widget("#pf-message").waitFor();
            assertThat(seriousViolations(visitor)).as("with the pre-chat form").isEmpty();

            visitor.startChat("Where is my order? See https://shop.example/orders/7");
            agent.typing(visitor.conversationId(), true);
            agent.say(visitor.conversationId(), "It ships today.");
            visitor.awaitBubble("It ships today.");
            assertThat(seriousViolations(visitor)).as("with a conversation").isEmpty();

            visitor.widget(".launcher").click();
            assertThat(seriousViolations(visitor)).as("minimised").isEmpty();
        }
    }

    /** Scans once the panel's opening animation is over: mid-fade, text has a fraction of its contrast. */
    private static List<?> seriousViolations(VisitorPage visitor) {
        visitor.settleAnimations();
        return (List<?>) visitor.page.evaluate("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.nodes.map(n => JSON.stringify(n.target)).join(', '))");
    }

    private static byte[] shot(Locator element) {
        return element.screenshot(new Locator.ScreenshotOptions().setAnimations(ScreenshotAnimations.DISABLED));
    }

    /**
     * At most 1% of the pixels may differ noticeably: antialiasing, and the page showing through
     * rounded corners. Both pictures are kept in target/ for a person to look at.
     */
    private static void assertLooksTheSame(byte[] expectedPng, byte[] actualPng, String what) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "browser-screenshots"));
        Files.write(dir.resolve(what + "-plain.png"), expectedPng);
        Files.write(dir.resolve(what + "-hostile.png"), actualPng);
        BufferedImage expected = ImageIO.read(new ByteArrayInputStream(expectedPng));
        BufferedImage actual = ImageIO.read(new ByteArrayInputStream(actualPng));
        assertThat(actual.getWidth()).as(what + " width").isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).as(what + " height").isEqualTo(expected.getHeight());
        long different = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if (distance(expected.getRGB(x, y), actual.getRGB(x, y)) > 48) {
                    different++;
                }
            }
        }
        long total = (long) expected.getWidth() * expected.getHeight();
        assertThat(different).as(what + ": pixels that differ, of " + total).isLessThanOrEqualTo(total / 100);
    }

    private static int distance(int a, int b) {
        return Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)) + Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff)) + Math.abs((a & 0xff) - (b & 0xff));
    }

    private static Site site() {
        Fixtures fixtures = env.fixtures();
        return fixtures.site(fixtures.account("Shop"), env.host().origin());
    }
}
