package dev.parley.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ReducedMotion;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The widget follows the visitor's device and preferences: keyboard, phone screen, dark mode, reduced motion, language. */
class WidgetAppearanceTests {

    @RegisterExtension
    static final BrowserNode env = BrowserNode.widget();

    private final List<AgentSide> agents = new ArrayList<>();

    @Test
    void aKeyboardAloneOpensUsesAndClosesThePanel() {
        try (BrowserContext browser = env.newContext()) {
            VisitorPage visitor = open(browser, "/keyboard.html");
            Page page = visitor.page;
            page.keyboard().press("Tab");
            assertThat(activeInWidget(page)).isEqualTo("launcher");
            page.keyboard().press("Enter");
            assertThat(visitor.widget(".launcher").getAttribute("aria-expanded")).isEqualTo("true");
            assertThat(activeInWidget(page)).isEqualTo("pf-email");

            page.keyboard().press("Tab");
            page.keyboard().type("Hello from the keyboard");
            page.keyboard().press("Tab");
            page.keyboard().press("Enter");
            visitor.awaitBubble("Hello from the keyboard");

            page.keyboard().press("Escape");
            assertThat(visitor.widget(".panel").isHidden()).isTrue();
            assertThat(activeInWidget(page)).isEqualTo("launcher");
        }
    }

    @Test
    void onAPhoneThePanelFillsTheScreen() {
        try (BrowserContext browser = env.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true))) {
            VisitorPage visitor = open(browser, "/phone.html");
            visitor.openPanel();
            visitor.settleAnimations();
            BoundingBox box = visitor.widget(".panel").boundingBox();
            assertThat(new double[] {box.x, box.y, box.width, box.height}).containsExactly(new double[] {0, 0, 390, 844}, within(0.5));
            assertThat(visitor.widget(".launcher").isHidden()).isTrue();
        }
    }

    @Test
    void darkModeIsDarkAndStillPassesAxe() throws IOException {
        try (BrowserContext browser = env.newContext(new Browser.NewContextOptions().setViewportSize(1024, 768)
                .setColorScheme(ColorScheme.DARK).setReducedMotion(ReducedMotion.REDUCE))) {
            VisitorPage visitor = open(browser, "/dark.html");
            visitor.openPanel();
            visitor.startChat("Dark and calm");
            assertThat(visitor.widget(".panel").evaluate("e => getComputedStyle(e).backgroundColor")).isEqualTo("rgb(17, 24, 39)");
            // Reduced motion: the panel appears without its slide-in.
            assertThat(visitor.widget(".panel").evaluate("e => getComputedStyle(e).animationName")).isEqualTo("none");

            visitor.page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(WidgetIsolationTests.AXE)));
            List<?> violations = (List<?>) visitor.page.evaluate("async () => (await axe.run(document)).violations"
                    + ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)");
            assertThat(violations).isEmpty();
        }
    }

    @Test
    void theBrowserLanguageChoosesTheWidgetLanguage() {
        try (BrowserContext browser = env.newContext(new Browser.NewContextOptions().setViewportSize(1024, 768).setLocale("ja-JP"))) {
            VisitorPage visitor = open(browser, "/ja.html");
            assertThat(visitor.widget(".launcher").getAttribute("aria-label")).isEqualTo("チャットを開く");
            visitor.openPanel();
            assertThat(visitor.widget("form.form button[type=submit]").textContent()).isEqualTo("チャットを開始");
        }
    }

    @AfterEach
    void agentsSignOff() {
        agents.forEach(AgentSide::close);
        agents.clear();
    }

    /** A shop page with the widget, whose site has an agent online: the widget offers a chat, not the offline form. */
    private VisitorPage open(BrowserContext browser, String path) {
        Fixtures fixtures = env.fixtures();
        Site site = fixtures.site(fixtures.account("Shop"), env.host().origin());
        agents.add(AgentSide.online(env.node(), site));
        String url = env.host().put(path, HostPages.shopPage(env.port(), site.siteKey(), "", true), Map.of());
        return VisitorPage.open(browser, url, site.siteKey());
    }

    /** What has focus inside the widget: "launcher", a form field's id, or null when focus is elsewhere. */
    private static String activeInWidget(Page page) {
        return (String) page.evaluate("() => { const host = document.querySelector('parley-widget');"
                + " if (document.activeElement !== host) return null; const el = host.shadowRoot.activeElement;"
                + " return el && (el.classList.contains('launcher') ? 'launcher' : el.id || el.tagName); }");
    }
}
