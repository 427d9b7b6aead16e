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
    private final List<String> command;
    private final Path log;
    private final Path portFile;
    /** 0 until the first start reported the port it bound; later starts reuse it. */
    private volatile int port;
    private Process process;

    private NodeProcess(String name, List<String> command, Path log, Path portFile) {
        this.name = name;
        this.command = command;
        this.log = log;
        this.portFile = portFile;
    }

    /** A node named {@code name} with these settings, on the port it binds when first started; not started yet. */
    public static NodeProcess of(String name, Map<String, Object> settings) {
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // Small and quick to start: a test node serves a few dozen clients.
                    "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                    "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(),
                    "--parley.agent.node-id=" + name, "--spring.main.banner-mode=off"));
            settings.forEach((key, value) -> command.add("--" + key + "=" + value));
            // Under the build's own directory, next to the surefire reports, where CI keeps them.
            Path logs = Files.createDirectories(Path.of("target", "node-logs"));
            Path log = Files.createTempFile(logs, "node-" + name + "-", ".log");
            return new NodeProcess(name, command, log, log.resolveSibling(log.getFileName() + ".port"));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public NodeProcess start() {
        try {
            Files.deleteIfExists(portFile);
            List<String> run = new ArrayList<>(command);
            run.add("--server.port=" + port);
            run.add(NodeMain.PORT_FILE + portFile);
            process = new ProcessBuilder(run).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
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
            if (port == 0) {
                port = boundPort();
            }
            if (port != 0 && ready()) {
                return this;
            }
            RedisServer.sleep(200);
        }
        throw new IllegalStateException("Node " + name + " not ready within " + timeout + ":\n" + logTail(60));
    }

    private int boundPort() {
        try {
            return Files.exists(portFile) ? Integer.parseInt(Files.readString(portFile).trim()) : 0;
        }
        catch (IOException | NumberFormatException e) {
            return 0;
        }
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

    /** The node's port; known once {@link #awaitReady} returned. */
    public int port() {
        if (port == 0) {
            throw new IllegalStateException("Node " + name + " has not reported its port yet");
        }
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
