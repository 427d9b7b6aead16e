package dev.parley.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Parley node in a JVM of its own on a loopback port, started with this test JVM's class path,
 * so that {@code kill -9} is real. Its output goes to a log file, shown when a start fails. Test code.
 */
public final class NodeProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final List<String> command;
    private final Path log;
    private Process process;

    private NodeProcess(String name, int port, List<String> command, Path log) {
        this.name = name;
        this.port = port;
        this.command = command;
        this.log = log;
    }

    /** A node named {@code name} on a free port with these settings; not started yet. */
    public static NodeProcess of(String name, Map<String, Object> settings) {
        try {
            int port = RedisServer.freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // Small and quick to start: a test node serves a few dozen clients.
                    "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                    "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(),
                    "--server.port=" + port, "--parley.agent.node-id=" + name, "--spring.main.banner-mode=off"));
            settings.forEach((key, value) -> command.add("--" + key + "=" + value));
            return new NodeProcess(name, port, command, Files.createTempFile("parley-node-" + name + "-", ".log"));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public NodeProcess start() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot start node " + name, e);
        }
        return this;
    }

    /** Waits until the node reports ready; fails with the end of its log otherwise. */
    public NodeProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException("Node " + name + " exited with " + process.exitValue() + ":\n" + logTail(60));
            }
            if (ready()) {
                return this;
            }
            RedisServer.sleep(200);
        }
        throw new IllegalStateException("Node " + name + " not ready within " + timeout + ":\n" + logTail(60));
    }

    public boolean ready() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no drain, sockets reset by the kernel. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(20));
    }

    /** {@code kill -TERM}: Spring's graceful shutdown; returns the exit code, waiting up to {@code timeout}. */
    public int terminate(Duration timeout) {
        process.destroy();
        return waitForExit(timeout);
    }

    public int waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Node " + name + " did not exit within " + timeout);
            }
            return process.exitValue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Lines of the log matching {@code fragment}, for checks such as "no node logged an error". */
    public List<String> logLines(String fragment) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> line.contains(fragment)).toList();
        }
        catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        if (alive()) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
