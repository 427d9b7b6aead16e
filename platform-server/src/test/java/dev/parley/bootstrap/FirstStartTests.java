package dev.parley.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The first start seeds an empty database, once, however many times and nodes start. */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTests {

    @Test
    void aSecondStartOnTheSameDatabaseCreatesNothing(CapturedOutput output) {
        Map<String, Object> backend = TestBackend.selected();
        try (ConfigurableApplicationContext first = start(backend, "admin@example.test", "correct horse battery")) {
            assertThat(counts(first)).containsExactly(1L, 1L, 1L);
            assertThat(output.getOut()).contains("Parley is ready", "admin@example.test", "data-site=\"")
                    .doesNotContain("correct horse battery");
        }
        int banners = occurrences(output.getOut(), "Parley is ready");
        try (ConfigurableApplicationContext second = start(backend, "other@example.test", null)) {
            assertThat(counts(second)).containsExactly(1L, 1L, 1L);
            StepVerifier.create(second.getBean(FirstStart.class).seed(8080))
                    .expectNext(false)
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
            assertThat(counts(second)).containsExactly(1L, 1L, 1L);
        }
        assertThat(occurrences(output.getOut(), "Parley is ready")).as("the banner is logged once").isEqualTo(banners);
    }

    @Test
    void aGeneratedPasswordIsLoggedWhenNoneIsConfigured(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(TestBackend.selected(), null, null)) {
            assertThat(output.getOut()).contains("admin@parley.local").containsPattern("Admin password: [A-Za-z0-9_-]{24}");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> backend, String email, String password) {
        List<String> properties = new ArrayList<>();
        if (email != null) {
            properties.add("parley.admin.email=" + email);
        }
        if (password != null) {
            properties.add("parley.admin.password=" + password);
        }
        return Nodes.start(backend, properties.toArray(String[]::new));
    }

    private static Long[] counts(ConfigurableApplicationContext context) {
        DatabaseClient db = context.getBean(DatabaseClient.class);
        return new Long[] {count(db, "accounts"), count(db, "sites"), count(db, "agents")};
    }

    private static long count(DatabaseClient db, String table) {
        // Test code may wait; the table name is one of three constants above.
        return db.sql("SELECT COUNT(*) AS n FROM " + table).map(row -> row.get("n", Long.class)).one()
                .block(Duration.ofSeconds(10));
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
