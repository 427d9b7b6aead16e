package dev.parley.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The load generator's process, seen from the orchestrator: one command out, one answer back. */
final class LoadGenClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final PrintStream commands;
    private final BufferedReader answers;

    LoadGenClient(Path benchJar, Path log) throws IOException {
        process = new ProcessBuilder(List.of("java", "-jar", benchJar.toString(), "loadgen"))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Procs.track(process);
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    long pid() {
        return process.pid();
    }

    /** Sends a command and waits for its answer, at most {@code timeout}; fails on an error answer. */
    JsonNode call(Map<String, Object> command, Duration timeout) throws IOException, InterruptedException {
        commands.println(JSON.writeValueAsString(command));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return answers.readLine();
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String text;
        try {
            text = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            throw new IOException("The load generator did not answer " + command.get("cmd") + " within " + timeout);
        }
        catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("The load generator failed", e.getCause());
        }
        if (text == null) {
            throw new IOException("The load generator exited; see its log");
        }
        JsonNode answer = JSON.readTree(text);
        if (answer.has("error")) {
            throw new IOException("The load generator failed " + command.get("cmd") + ": " + answer.path("error").asString());
        }
        return answer;
    }

    @Override
    public void close() {
        try {
            commands.println("{\"cmd\":\"quit\"}");
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Procs.stop(process, Duration.ofSeconds(5));
    }
}
