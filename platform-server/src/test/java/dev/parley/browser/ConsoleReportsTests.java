package dev.parley.browser;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.shared.Times;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.transcript.ExportSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin's reports page in a real browser, over conversations with known times and ratings. */
class ConsoleReportsTests {

    private static final Instant DAY = Instant.parse("2026-11-10T09:00:00Z");

    @RegisterExtension
    static final BrowserNode env = BrowserNode.console();

    @Test
    void theChartsAndTableShowTheConversationsOfTheChosenDays() throws Exception {
        Fixtures fixtures = env.fixtures();
        ExportSeeds seeds = new ExportSeeds(env.node());
        Account account = fixtures.account("Shop");
        Site shop = fixtures.site(account, "https://shop.example");
        Agent ada = fixtures.agent(account, "Ada", Role.ADMIN);
        String visitor = fixtures.visitor(shop);
        // Three conversations on the 10th, one on the 12th: first responses 30, 60, 90, 120 s, two ratings.
        conversation(seeds, account, shop, visitor, DAY, 30, 5);
        conversation(seeds, account, shop, visitor, DAY.plusSeconds(60), 60, 4);
        conversation(seeds, account, shop, visitor, DAY.plusSeconds(120), 90, null);
        conversation(seeds, account, shop, visitor, DAY.plusSeconds(2 * 86_400), 120, null);

        try (BrowserContext browser = env.newContext()) {
            ConsolePage admin = ConsolePage.signIn(browser, env.port(), ada);
            admin.page.navigate(env.url("/console/settings/reports"));
            Locator form = admin.page.locator(".report-form");
            form.waitFor();
            form.locator("input[name=from]").fill("2026-11-09");
            form.locator("input[name=to]").fill("2026-11-13");
            form.locator("select[name=zone]").selectOption("UTC");
            form.locator("button[type=submit]").click();

            Locator report = admin.page.locator(".report[data-from='2026-11-09'][data-to='2026-11-13']");
            report.waitFor();
            Locator row = report.locator(".report-table tbody tr");
            assertThat(row.count()).isEqualTo(1);
            assertThat(row.locator("[data-cell=conversations]").textContent()).isEqualTo("4");
            // Nearest rank: p50 of 30, 60, 90, 120 is 60 s, p90 is 120 s.
            assertThat(row.locator("[data-cell=firstResponse]").textContent()).isEqualTo("1 min / 2 min");
            assertThat(row.locator("[data-cell=queueWait]").textContent()).isEqualTo("10 s / 10 s");
            assertThat(row.locator("[data-cell=resolution]").textContent()).isEqualTo("10 min / 10 min");
            assertThat(row.locator("[data-cell=csat]").textContent()).isEqualTo("4.50 (2)");

            // Five charts, each drawn: the volume chart's legend reads 3 on the 10th and 1 on the 12th under the cursor.
            assertThat(report.locator(".chart canvas").count()).isEqualTo(5);
            for (Locator canvas : report.locator(".chart canvas").all()) {
                assertThat(painted(canvas)).as("a chart with data paints pixels").isGreaterThan(100);
            }
            Locator volume = report.locator(".chart").first();
            assertThat(volume.locator(".u-legend").textContent()).contains("All conversations");
            assertThat(hoverDay(admin, volume, 1, 5)).isEqualTo("3");
            assertThat(hoverDay(admin, volume, 3, 5)).isEqualTo("1");
            assertThat(hoverDay(admin, volume, 2, 5)).isEqualTo("0");

            Download csv = admin.page.waitForDownload(() -> form.locator("button", new Locator.LocatorOptions().setHasText("Download CSV")).click());
            assertThat(csv.suggestedFilename()).isEqualTo("parley-report-2026-11-09-to-2026-11-13.csv");
            List<String> lines = Files.readAllLines(csv.path());
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).contains(",4,");
        }
    }

    /** The volume chart's value for the day at {@code index} of {@code days}, read from its legend with the cursor on that day. */
    private static String hoverDay(ConsolePage admin, Locator chart, int index, int days) {
        BoundingBox over = chart.locator(".u-over").boundingBox();
        // Days are categories centred in equal slots.
        admin.page.mouse().move(over.x + over.width * (index + 0.5) / days, over.y + over.height / 2);
        Locator value = chart.locator(".u-legend .u-series").nth(1).locator(".u-value");
        admin.page.waitForCondition(() -> !value.textContent().isBlank() && !value.textContent().equals("--"));
        return value.textContent().trim();
    }

    /** How many of the canvas's pixels are not transparent. */
    private static int painted(Locator canvas) {
        Object count = canvas.evaluate("c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }");
        return ((Number) count).intValue();
    }

    private static void conversation(ExportSeeds seeds, Account account, Site site, String visitor, Instant at, int firstResponse, Integer rating) {
        String id = seeds.conversation(account.id(), site.id(), visitor, null, null, "CLOSED", at);
        DatabaseClient.GenericExecuteSpec update = env.bean(DatabaseClient.class)
                .sql("UPDATE conversations SET first_assigned_at = :assigned, first_response_at = :responded, rating = :rating WHERE id = :id")
                .bind("assigned", Times.toDb(at.plusSeconds(10)))
                .bind("responded", Times.toDb(at.plusSeconds(firstResponse)))
                .bind("id", id);
        update = rating == null ? update.bindNull("rating", Integer.class) : update.bind("rating", rating);
        update.then().block(Duration.ofSeconds(30));
    }
}
