package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Parley node under test, started as a user starts it ({@code java -jar parley.jar}, default
 * JVM flags) with the backend in its environment. Ready means {@code /actuator/health/readiness}
 * answers 200.
 */
final class ParleyServer implements AutoCloseable {

    /**
     * Settings the benchmark changes, and why: 500 conversations at up to tens of thousands of
     * messages per second is far more per visitor socket than the abuse limits allow a person, and
     * runs outlast the 15-minute access token.
     */
    static final List<String> BENCH_SETTINGS = List.of(
            "--parley.visitor-gateway.send-per-second=1000",
            "--parley.visitor-gateway.send-burst=1000",
            "--parley.security.access-token-lifetime=2h");

    private final Path jar;
    private final Path log;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> arguments;
    private final List<String> jvmOptions;
    private Process process;
    private double startSeconds;

    ParleyServer(Path jar, Path log, int port, Map<String, String> environment, List<String> arguments) {
        this(jar, log, port, environment, arguments, List.of());
    }

    /** With JVM options before {@code -jar}, for the footprint of a tuned small node. */
    ParleyServer(Path jar, Path log, int port, Map<String, String> environment, List<String> arguments, List<String> jvmOptions) {
        this.jvmOptions = jvmOptions;
        this.jar = jar;
        this.log = log;
        this.port = port;
        this.environment = environment;
        this.arguments = arguments;
    }

    /** Starts the node and waits until it is ready; returns the seconds that took. */
    double start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long begin = System.nanoTime();
        process = Procs.track(builder.start());
        Procs.awaitOk(url("/actuator/health/readiness"), process, Duration.ofMinutes(3));
        startSeconds = (System.nanoTime() - begin) / 1e9;
        return startSeconds;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    long rssBytes() {
        return Procs.rssBytes(process.pid());
    }

    double cpuSeconds() {
        return Procs.cpuSeconds(process.pid());
    }

    /** CPU seconds of the JVM's C1 and C2 compiler threads so far. */
    double compilerCpuSeconds() {
        return Procs.threadCpuSeconds(process.pid(), List.of("C1 CompilerThre", "C2 CompilerThre"));
    }

    /** Heap in use right after a full collection, in bytes, from the node's own metrics. */
    long heapAfterGcBytes() throws IOException, InterruptedException {
        Procs.run(List.of("jcmd", String.valueOf(process.pid()), "GC.run"), Duration.ofMinutes(1));
        long used = 0;
        for (String line : Procs.get(url("/actuator/prometheus")).split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }

    /** The live objects by class after a full collection ({@code jcmd GC.class_histogram}), written to {@code file}. */
    void histogram(Path file) throws IOException, InterruptedException {
        java.nio.file.Files.writeString(file, Procs.run(List.of("jcmd", String.valueOf(process.pid()), "GC.class_histogram"),
                Duration.ofMinutes(2)));
    }

    /** Stops the node as an operator does (SIGTERM, graceful shutdown). */
    @Override
    public void close() {
        Procs.stop(process, Duration.ofSeconds(40));
    }
}
