package dev.parley.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** The measurements every system goes through: idle connections, latency and throughput. */
final class Phases {

    /** Lets the server finish what the last step started (handshakes, GC) before it is read. */
    private static final long SETTLE_MILLIS = 5_000;

    /** Compiler threads using under a tenth of a core: the JIT has compiled what the traffic runs. */
    static final double COMPILER_SETTLED_CORES = 0.1;

    /** Bounds the warm-up at a minute of traffic (six 10-second windows) whatever the compiler does. */
    static final int MAX_WARMUP_WINDOWS = 6;

    private final LoadGenClient loadGen;
    private final Plan plan;
    private final java.nio.file.Path histograms;

    /** {@code histograms}: where class histograms of the heap at each idle step go, to see what a connection costs. */
    Phases(LoadGenClient loadGen, Plan plan, java.nio.file.Path histograms) {
        this.loadGen = loadGen;
        this.plan = plan;
        this.histograms = histograms;
    }

    /** Memory per connected idle client at each step, against the server's memory before any connected. */
    List<Map<String, Object>> idle(Sut sut) throws IOException, InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        long heap0 = sut.heapAfterGcBytes();
        long rss0 = sut.rssBytes();
        java.nio.file.Files.createDirectories(histograms);
        sut.histogram(histograms.resolve("idle-0.txt"));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int total : plan.idleSteps()) {
            Map<String, Object> command = command("idle", sut);
            command.put("system", sut.client());
            command.put("total", total);
            JsonNode answer = loadGen.call(command, Duration.ofMinutes(30));
            Thread.sleep(SETTLE_MILLIS);
            double quietAfter = awaitQuiet(sut);
            long heap = sut.heapAfterGcBytes();
            long rss = sut.rssBytes();
            long open = loadGen.call(Map.of("cmd", "idle-open"), Duration.ofMinutes(1)).path("open").asLong();
            sut.histogram(histograms.resolve("idle-" + total + ".txt"));
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("target", total);
            step.put("open", open);
            step.put("failed", answer.path("failed").asLong());
            step.put("connectSeconds", answer.path("seconds").asDouble());
            step.put("quietAfterSeconds", quietAfter);
            step.put("rssBytes", rss);
            step.put("heapBytes", heap);
            step.put("rssPerConnectionBytes", open == 0 ? 0 : (rss - rss0) / open);
            step.put("heapPerConnectionBytes", open == 0 ? 0 : (heap - heap0) / open);
            steps.add(step);
            Log.info("  idle %,d: %,d open, RSS %.1f KB and heap %.1f KB per connection", total, open,
                    (rss - rss0) / 1024.0 / Math.max(1, open), (heap - heap0) / 1024.0 / Math.max(1, open));
        }
        loadGen.call(Map.of("cmd", "idle-close"), Duration.ofMinutes(2));
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("target", 0);
        base.put("rssBytes", rss0);
        base.put("heapBytes", heap0);
        steps.add(0, base);
        return steps;
    }

    /**
     * Waits until the server has finished the work the connections started (a resumed visitor's
     * catch-up read, for one), so the step measures idle sockets and not queued work: until a whole
     * second costs it under {@link #QUIET_CPU_SECONDS}, for at most {@link #QUIET_MAX_SECONDS}.
     * Returns how long that took.
     */
    static double awaitQuiet(Sut sut) throws InterruptedException {
        long start = System.nanoTime();
        double before = sut.cpuSeconds();
        for (int i = 0; i < QUIET_MAX_SECONDS; i++) {
            Thread.sleep(1_000);
            double now = sut.cpuSeconds();
            if (now - before < QUIET_CPU_SECONDS) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A tenth of a core: pings and timers of thousands of idle sockets stay well below it. */
    static final double QUIET_CPU_SECONDS = 0.1;
    static final int QUIET_MAX_SECONDS = 120;

    /**
     * Sets the chat rig up and measures latency at each fixed rate, then sets a fresh rig up on
     * {@code ladderSut} (for Parley another tenant: the first one's conversations fill its agents'
     * capacity) and finds the maximum sustained rate there, so an overloaded latency window never
     * decides the ladder.
     */
    Map<String, Object> chat(Sut sut, Map<String, Object> setup, Sut ladderSut, Map<String, Object> ladderSetup)
            throws IOException, InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        JsonNode ready = setUp(sut, setup);
        result.put("setupSeconds", ready.path("seconds").asDouble());
        result.put("conversations", ready.path("conversations").asInt());
        result.put("warmUp", warmUp(sut));
        List<JsonNode> latency = new ArrayList<>();
        for (int rate : plan.latencyRates()) {
            int count = rate == goalRate() ? plan.goalRateWindows() : 1;
            List<JsonNode> windows = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                JsonNode run = run(sut, rate, plan.seconds());
                windows.add(run);
                Log.info("  %,d msg/s%s: visitor->agent p50 %.2f p99 %.2f p99.9 %.2f ms; agent->visitor p50 %.2f p99 %.2f p99.9 %.2f ms%s",
                        rate, count > 1 ? String.format(Locale.ROOT, " (window %d of %d)", i, count) : "",
                        ms(run, "toAgent", "p50Ms"), ms(run, "toAgent", "p99Ms"), ms(run, "toAgent", "p999Ms"),
                        ms(run, "toVisitor", "p50Ms"), ms(run, "toVisitor", "p99Ms"), ms(run, "toVisitor", "p999Ms"), problems(run));
            }
            latency.add(Windows.median(windows));
        }
        result.put("latency", latency);
        loadGen.call(Map.of("cmd", "chat-close"), Duration.ofMinutes(2));
        Thread.sleep(SETTLE_MILLIS);
        result.put("ladderSetupSeconds", setUp(ladderSut, ladderSetup).path("seconds").asDouble());
        List<JsonNode> steps = new ArrayList<>();
        int maxSustained = 0;
        for (int rate : plan.throughputRates()) {
            JsonNode run = run(sut, rate, plan.throughputSeconds());
            if (!passes(run)) {
                // Once more before the ladder stops: on a shared machine one stolen second fails a window.
                Log.info("  throughput %,d msg/s: p99 %.2f / %.2f ms%s -> once more", rate, ms(run, "toAgent", "p99Ms"),
                        ms(run, "toVisitor", "p99Ms"), problems(run));
                run = run(sut, rate, plan.throughputSeconds());
            }
            steps.add(run);
            boolean passed = passes(run);
            Log.info("  throughput %,d msg/s: p99 %.2f / %.2f ms%s -> %s", rate, ms(run, "toAgent", "p99Ms"),
                    ms(run, "toVisitor", "p99Ms"), problems(run), passed ? "sustained" : "not sustained");
            if (!passed) {
                break;
            }
            maxSustained = rate;
        }
        result.put("throughputSteps", steps);
        result.put("maxSustainedPerSecond", maxSustained);
        loadGen.call(Map.of("cmd", "chat-close"), Duration.ofMinutes(2));
        return result;
    }

    /**
     * Windows at the middle fixed rate, not counted, after the server has finished what came
     * before (the idle phase's closing sockets, the chat set-up): a JVM compiles its hot paths
     * during the first tens of thousands of messages, and a window measured then measures the
     * compiler. One window was enough on a fast machine; on a slower one the compiler threads still
     * used half a core through the next two windows, so windows repeat while they use more than
     * {@link #COMPILER_SETTLED_CORES}, at most {@link #MAX_WARMUP_WINDOWS}. Systems whose compiler
     * cannot be told apart (Node) get one window. Returns the rate, the windows and their seconds.
     */
    private Map<String, Object> warmUp(Sut sut) throws IOException, InterruptedException {
        awaitQuiet(sut);
        int rate = goalRate();
        int windows = 0;
        double compilerCores;
        do {
            JsonNode run = run(sut, rate, plan.seconds());
            windows++;
            compilerCores = run.path("compilerCpuCores").asDouble();
            Log.info("  warm-up %,d msg/s (not counted): p99 %.2f / %.2f ms, JIT compiler %.2f cores", rate,
                    ms(run, "toAgent", "p99Ms"), ms(run, "toVisitor", "p99Ms"), compilerCores);
        } while (compilerCores > COMPILER_SETTLED_CORES && windows < MAX_WARMUP_WINDOWS);
        awaitQuiet(sut);
        Map<String, Object> warmUp = new LinkedHashMap<>();
        warmUp.put("rate", rate);
        warmUp.put("windows", windows);
        warmUp.put("seconds", windows * plan.seconds());
        warmUp.put("lastCompilerCpuCores", compilerCores);
        return warmUp;
    }

    /** The middle fixed rate (2,000 msg/s in the full plan, the p99 goal's): warmed up at, and measured {@link Plan#goalRateWindows} times. */
    private int goalRate() {
        return plan.latencyRates().get(plan.latencyRates().size() / 2);
    }

    private JsonNode setUp(Sut sut, Map<String, Object> setup) throws IOException, InterruptedException {
        Map<String, Object> command = command("chat-setup", sut);
        command.putAll(setup);
        command.put("system", sut.client());
        command.put("conversations", plan.conversations());
        return loadGen.call(command, Duration.ofMinutes(15));
    }

    private JsonNode run(Sut sut, int rate, double seconds) throws IOException, InterruptedException {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("cmd", "chat-run");
        command.put("rate", rate);
        command.put("warmup", plan.warmupSeconds());
        command.put("seconds", seconds);
        command.put("drain", plan.drainSeconds());
        double cpu = sut.cpuSeconds();
        double process = sut.processCpuSeconds();
        double compiler = sut.compilerCpuSeconds();
        String metrics = sut.metrics();
        long wall = System.nanoTime();
        JsonNode answer = loadGen.call(command, Duration.ofMinutes(5));
        double elapsed = (System.nanoTime() - wall) / 1e9;
        ((tools.jackson.databind.node.ObjectNode) answer).put("serverCpuCores", Math.round((sut.cpuSeconds() - cpu) / elapsed * 100) / 100.0);
        ((tools.jackson.databind.node.ObjectNode) answer).put("processCpuCores",
                Math.round((sut.processCpuSeconds() - process) / elapsed * 100) / 100.0);
        // Part of the server's CPU above: how much the JIT still compiled during the window.
        ((tools.jackson.databind.node.ObjectNode) answer).put("compilerCpuCores",
                Math.round((sut.compilerCpuSeconds() - compiler) / elapsed * 100) / 100.0);
        if (metrics != null) {
            ((tools.jackson.databind.node.ObjectNode) answer).set("writer",
                    WriterTimes.between(WriterTimes.parse(metrics), WriterTimes.parse(sut.metrics())));
        }
        // A pause between windows, so one window's backlog never leaks into the next.
        Thread.sleep(2_000);
        return answer;
    }

    /**
     * Whether a window kept p99 under the limit in both directions, delivered everything exactly
     * once and refused nothing.
     */
    static boolean passes(JsonNode run) {
        for (String direction : List.of("toAgent", "toVisitor")) {
            JsonNode d = run.path(direction);
            if (d.path("p99Ms").asDouble() >= Plan.THROUGHPUT_P99_LIMIT_MS || d.path("received").asLong() < d.path("sent").asLong()
                    || d.path("duplicates").asLong() > 0 || d.path("sent").asLong() == 0) {
                return false;
            }
        }
        return run.path("errors").isEmpty();
    }

    private static String problems(JsonNode run) {
        StringBuilder text = new StringBuilder();
        for (String direction : List.of("toAgent", "toVisitor")) {
            long lost = run.path(direction).path("sent").asLong() - run.path(direction).path("received").asLong();
            if (lost > 0) {
                text.append("; ").append(direction).append(" lost ").append(lost);
            }
            long duplicates = run.path(direction).path("duplicates").asLong();
            if (duplicates > 0) {
                text.append("; ").append(direction).append(" delivered ").append(duplicates).append(" twice");
            }
        }
        if (!run.path("errors").isEmpty()) {
            text.append("; errors ").append(run.path("errors"));
        }
        return text.toString();
    }

    private static double ms(JsonNode run, String direction, String field) {
        return run.path(direction).path(field).asDouble();
    }

    static Map<String, Object> command(String cmd, Sut sut) {
        Map<String, Object> command = new LinkedHashMap<>(sut.target());
        command.put("cmd", cmd);
        return command;
    }
}
