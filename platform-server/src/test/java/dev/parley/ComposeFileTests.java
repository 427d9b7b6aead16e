package dev.parley;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * docker-compose.yml is valid, as judged by Docker's own tooling: the {@code docker compose}
 * plugin, or else the standalone {@code docker-compose} (Debian's package, which {@code .ci/run}
 * installs). Validation needs no Docker engine.
 */
class ComposeFileTests {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml").toAbsolutePath().normalize();

    @Test
    void composeFileValidatesWithAndWithoutTheClusterProfile() throws Exception {
        List<String> compose = composeCommand();
        assumeThat(compose).as("neither 'docker compose' nor 'docker-compose' is installed").isNotEmpty();
        assertThat(COMPOSE).exists();
        assertValid(compose, List.of());
        assertValid(compose, List.of("--profile", "cluster"));
    }

    private static void assertValid(List<String> compose, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", COMPOSE.toString()));
        command.addAll(options);
        command.addAll(List.of("config", "-q"));
        Result result = run(command);
        assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
    }

    private static List<String> composeCommand() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                if (run(version).exitCode() == 0) {
                    return candidate;
                }
            }
            catch (Exception notInstalled) {
                // Try the next one.
            }
        }
        return List.of();
    }

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
