package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class OptionsTests {

    private static final Path REPO = Path.of(".");

    @Test
    void anUnknownOptionIsRefusedWithWhereToLook() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--fast"}, REPO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown option --fast");
    }

    @Test
    void onlyTakesKnownSystems() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--only=parley-mariadb,nats"}, REPO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--only takes some of");
    }

    @Test
    void aDatabaseWithoutRedisIsRefused() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--db-url=mysql://127.0.0.1:3307"}, REPO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("go together");
    }

    @Test
    void withoutOptionsTheFullPlanRunsEverySystem() {
        Options options = Options.parse(new String[0], REPO);

        assertThat(options.plan()).isEqualTo(Plan.FULL);
        assertThat(Options.ALL).allMatch(options::runs);
        assertThat(options.dbUrl()).isNull();
    }

    @Test
    void quickAndOnlyNarrowTheRun() {
        Options options = Options.parse(new String[] {"--quick", "--only=ws,socketio"}, REPO);

        assertThat(options.plan()).isEqualTo(Plan.QUICK);
        assertThat(options.runs("ws")).isTrue();
        assertThat(options.runs("parley-mariadb")).isFalse();
    }

    @Test
    void phasesNarrowWhatEachSystemMeasures() {
        Options options = Options.parse(new String[] {"--only=parley-mariadb", "--phases=routing"}, REPO);

        assertThat(options.measures("routing")).isTrue();
        assertThat(options.measures("idle")).isFalse();
        assertThat(options.measures("chat")).isFalse();
        assertThat(Options.parse(new String[0], REPO).phases()).containsExactly("idle", "chat", "routing");
        assertThatThrownBy(() -> Options.parse(new String[] {"--phases=routing,soak"}, REPO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--phases takes some of");
    }
}
