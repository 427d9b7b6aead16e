package dev.parley.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import dev.parley.testing.TestBackend;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Debian's Chromium, driven by Playwright. Playwright never downloads a browser of its own here:
 * the registries this project reaches do not carry one, and the suite must test the browser the
 * machine has. Tests skip without {@code /usr/bin/chromium}, unless CI required the services
 * ({@code PARLEY_IT_REQUIRE_SERVICES=true}), where a missing browser fails them.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Launches headless Chromium, or skips the calling test when the machine has none. */
    static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            if (TestBackend.servicesRequired()) {
                throw new IllegalStateException(EXECUTABLE + " is missing but PARLEY_IT_REQUIRE_SERVICES=true");
            }
            assumeThat(false).as(EXECUTABLE + " is missing: the browser tests are skipped").isTrue();
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    // The host page and Parley are both on loopback; Chromium's Local Network Access
                    // checks would otherwise question a page's WebSocket to another local port.
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run",
                            "--disable-features=LocalNetworkAccessChecks")));
            return new Chromium(playwright, browser);
        }
        catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh profile: its own storage, as a different visitor's browser would have. */
    BrowserContext newContext() {
        return newContext(new Browser.NewContextOptions().setViewportSize(1024, 768));
    }

    /** A fresh profile with the given screen, colour scheme or motion preference; English unless set. */
    BrowserContext newContext(Browser.NewContextOptions options) {
        if (options.locale == null) {
            options.setLocale("en-US");
        }
        return browser.newContext(options);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
