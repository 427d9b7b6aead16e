package dev.parley.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Process plumbing for the orchestrator: ports, /proc readings, HTTP polls and clean stops. */
final class Procs {

    /**
     * HTTP/1.1: the default HTTP/2 client asks plain-text servers for an {@code Upgrade: h2c}, and
     * the Node relays hand every upgrade request to their WebSocket servers, which drop it.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** Every child process started, so an interrupted run stops them all. */
    private static final java.util.Set<Process> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Procs() {
    }

    /** Remembers a child process, to be stopped by {@link #stopAll} if the run is interrupted. */
    static Process track(Process process) {
        STARTED.add(process);
        return process;
    }

    /** Stops every child process still running: the last thing an interrupted run does. */
    static void stopAll() {
        STARTED.forEach(p -> stop(p, Duration.ofSeconds(10)));
    }

    /** A TCP port free on loopback right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resident set size of the process, in bytes; 0 when it is gone. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** User plus system CPU time the process has used, in seconds; 0 when it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may hold spaces; the fields after it are fixed.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        }
        catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU seconds used so far by the process's threads whose name (as the kernel keeps it, cut to
     * 15 characters) starts with one of {@code prefixes}; 0 when the process is gone.
     */
    static double threadCpuSeconds(long pid, List<String> prefixes) {
        double total = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (prefixes.stream().anyMatch(name::startsWith)) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                    }
                }
                catch (IOException | RuntimeException threadEnded) {
                    // The thread ended between the listing and the read.
                }
            }
        }
        catch (IOException | RuntimeException e) {
            return 0;
        }
        return total;
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException e) {
            return -1;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static byte[] getBytes(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** Polls until {@code url} answers 200, failing after {@code timeout} or when {@code process} exits. */
    static void awaitOk(String url, Process process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(url) == 200) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("The process exited with " + process.exitValue() + " before " + url + " answered");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + timeout);
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    static void stop(Process process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Runs a short command to completion; its output, or a failure naming it. */
    static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
        }
        String text = new String(output, java.nio.charset.StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + text);
        }
        return text;
    }
}
