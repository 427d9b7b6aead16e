package dev.parley.bench;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/** The goals, judged from a run, and the Parley ÷ baseline ratios. */
final class Goals {

    static final double KB_PER_CONNECTION = 25;
    static final double P99_AT_2000_MS = 15;
    static final int PERSISTED_PER_SECOND = 15_000;
    static final int ROUTED_PER_SECOND = 1_000;
    static final double IDLE_RSS_MB = 300;

    private Goals() {
    }

    static void append(StringBuilder t, JsonNode r) {
        JsonNode systems = r.path("systems");
        t.append("| goal | target |");
        List<String> parley = Report.PARLEY.stream().filter(systems::has).toList();
        parley.forEach(p -> t.append(p.equals("parley-mariadb") ? " MariaDB + Redis |" : " embedded H2 |"));
        t.append("\n|---|---|").append("---|".repeat(parley.size())).append('\n');
        int top = idleSteps(r).isEmpty() ? 0 : idleSteps(r).get(idleSteps(r).size() - 1);
        row(t, String.format(Locale.ROOT, "memory per idle resumed visitor at %,d (heap / RSS)", top), "≤ 25 KB", parley, s -> {
            JsonNode step = idleStep(systems.path(s), top);
            if (step == null) {
                return "–";
            }
            double heap = step.path("heapPerConnectionBytes").asLong() / 1024.0;
            double rss = step.path("rssPerConnectionBytes").asLong() / 1024.0;
            return String.format(Locale.ROOT, "%.1f / %.1f KB %s", heap, rss, verdict(Math.max(heap, rss) <= KB_PER_CONNECTION));
        });
        row(t, "p99 one-way at 2,000 msg/s (visitor → agent / agent → visitor)", "≤ 15 ms", parley, s -> {
            JsonNode run = latencyAt(systems.path(s).path("chat"), 2_000);
            if (run == null) {
                return "–";
            }
            return Report.p99(run) + " ms" + Windows.note(run) + " " + verdict(worstP99(run) <= P99_AT_2000_MS);
        });
        row(t, "maximum sustained persisted msg/s with p99 < 100 ms", "≥ 15,000", parley, s -> {
            if (systems.path(s).path("chat").isMissingNode()) {
                return "–";
            }
            int max = systems.path(s).path("chat").path("maxSustainedPerSecond").asInt();
            return String.format(Locale.ROOT, "%,d %s", max, verdict(max >= PERSISTED_PER_SECOND));
        });
        row(t, "routing: new conversations assigned per second, capacity kept", "≥ 1,000", parley, s -> {
            JsonNode routing = systems.path(s).path("routing");
            if (routing.isMissingNode()) {
                return "–";
            }
            double rate = routing.path("assignedPerSecond").asDouble();
            boolean kept = routing.path("capacityKept").asBoolean();
            boolean filled = routing.path("roomFilled").asBoolean();
            JsonNode rates = routing.path("measuredRates");
            String median = rates.size() > 1 ? String.format(Locale.ROOT, " (median of %d bursts, %s)", rates.size(), range(routing)) : "";
            return String.format(Locale.ROOT, "%,.0f%s, capacity %s%s %s", rate, median, kept ? "kept" : "EXCEEDED",
                    filled ? "" : ", a burst's chats NOT all assigned", verdict(rate >= ROUTED_PER_SECOND && kept && filled));
        });
        JsonNode f = r.path("footprint");
        if (!f.isMissingNode()) {
            double rss = f.path("idleRssBytes").asLong() / 1048576.0;
            t.append(String.format(Locale.ROOT,
                    "| idle RSS of the embedded default after start, as README runs it (%s; heap after GC) | ≤ 300 MB | %.0f MB (%.0f MB) %s |%n",
                    String.join(" ", Report.strings(f.path("flags"))), rss, f.path("heapAfterGcBytes").asLong() / 1048576.0,
                    verdict(rss <= IDLE_RSS_MB)));
            JsonNode defaults = f.path("jvmDefaults");
            if (!defaults.isMissingNode()) {
                double defaultsRss = defaults.path("idleRssBytes").asLong() / 1048576.0;
                t.append(String.format(Locale.ROOT, "| the same with the JVM's default flags (G1, heap sized from the machine) | – | %.0f MB (%.0f MB) |%n",
                        defaultsRss, defaults.path("heapAfterGcBytes").asLong() / 1048576.0));
            }
            t.append(String.format(Locale.ROOT, "| start-up to ready, embedded default: first start / restart | – | %.1f s / %.1f s |%n",
                    f.path("firstStartSeconds").asDouble(), f.path("restartSeconds").asDouble()));
            t.append(String.format(Locale.ROOT, "| widget.js, gzip -9 (raw) | – | %,d B (%,d B) |%n", f.path("widgetGzipBytes").asInt(),
                    f.path("widgetBytes").asInt()));
        }
    }

    private interface Cell {
        String of(String system);
    }

    private static void row(StringBuilder t, String goal, String target, List<String> parley, Cell cell) {
        t.append("| ").append(goal).append(" | ").append(target).append(" |");
        parley.forEach(s -> t.append(' ').append(cell.of(s)).append(" |"));
        t.append('\n');
    }

    static String verdict(boolean met) {
        return met ? "(met)" : "(**missed**)";
    }

    static void appendRouting(StringBuilder t, JsonNode systems) {
        t.append("\n| routing | agents × room | conversations started | assigned | assigned per second (median burst; range) | the same, first burst of a cold node | wait p50 / p99 | most chats held by one agent | warm-up bursts | JIT compiler in the measured bursts, most |\n");
        t.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (String s : Report.PARLEY) {
            JsonNode routing = systems.path(s).path("routing");
            if (routing.isMissingNode()) {
                continue;
            }
            t.append(String.format(Locale.ROOT, "| %s | %d × %d | %,d | %,d | %,.0f%s | %s | %.0f / %.0f ms | %d | %s | %s |%n",
                    s.equals("parley-mariadb") ? "MariaDB + Redis" : "embedded H2", routing.path("agents").asInt(),
                    routing.path("capacity").asInt(), routing.path("conversationsStarted").asInt(), routing.path("assigned").asInt(),
                    routing.path("assignedPerSecond").asDouble(), routing.path("measuredRates").size() > 1 ? " (" + range(routing) + ")" : "",
                    routing.has("coldAssignedPerSecond")
                            ? String.format(Locale.ROOT, "%,.0f", routing.path("coldAssignedPerSecond").asDouble()) : "–",
                    routing.path("waitP50Ms").asDouble(), routing.path("waitP99Ms").asDouble(),
                    routing.path("maxOpenChatsPerAgent").asInt(),
                    routing.has("warmupBursts") ? String.valueOf(routing.path("warmupBursts").asInt()) : "–",
                    routing.has("compilerCpuCores") ? String.format(Locale.ROOT, "%.2f cores", routing.path("compilerCpuCores").asDouble()) : "–"));
        }
    }

    /** The slowest and fastest of the measured bursts, "689–960". */
    private static String range(JsonNode routing) {
        DoubleSummaryStatistics rates = Report.numbers(routing.path("measuredRates"));
        return String.format(Locale.ROOT, "%,.0f–%,.0f", rates.getMin(), rates.getMax());
    }

    static void appendRatios(StringBuilder t, JsonNode systems) {
        t.append("\n| Parley ÷ baseline, same run | ÷ Socket.IO relay | ÷ raw ws relay |\n|---|--:|--:|\n");
        for (String s : Report.PARLEY) {
            if (!systems.has(s)) {
                continue;
            }
            String name = s.equals("parley-mariadb") ? "MariaDB + Redis" : "embedded H2";
            t.append("| maximum sustained msg/s, ").append(name).append(" |");
            for (String base : List.of("socketio", "ws")) {
                JsonNode p = systems.path(s).path("chat").path("maxSustainedPerSecond");
                double b = systems.path(base).path("chat").path("maxSustainedPerSecond").asDouble();
                t.append(b > 0 && !p.isMissingNode() ? String.format(Locale.ROOT, " %.2f |", p.asDouble() / b) : " – |");
            }
            t.append('\n');
            for (int rate : List.of(2_000, 5_000)) {
                t.append(String.format(Locale.ROOT, "| p99 at %,d msg/s (worse direction), %s |", rate, name));
                for (String base : List.of("socketio", "ws")) {
                    JsonNode p = latencyAt(systems.path(s).path("chat"), rate);
                    JsonNode b = latencyAt(systems.path(base).path("chat"), rate);
                    t.append(p == null || b == null ? " – |" : String.format(Locale.ROOT, " %.1f |", worstP99(p) / Math.max(0.001, worstP99(b))));
                }
                t.append('\n');
            }
        }
    }

    static double worstP99(JsonNode run) {
        return Math.max(run.path("toAgent").path("p99Ms").asDouble(), run.path("toVisitor").path("p99Ms").asDouble());
    }

    static JsonNode latencyAt(JsonNode chat, int rate) {
        for (JsonNode run : chat.path("latency")) {
            if (run.path("rate").asInt() == rate) {
                return run;
            }
        }
        return null;
    }

    static JsonNode stepAt(JsonNode chat, int rate) {
        for (JsonNode run : chat.path("throughputSteps")) {
            if (run.path("rate").asInt() == rate) {
                return run;
            }
        }
        return null;
    }

    static List<Integer> idleSteps(JsonNode r) {
        List<Integer> steps = new ArrayList<>();
        r.path("plan").path("idleSteps").forEach(n -> steps.add(n.asInt()));
        return steps;
    }

    static JsonNode idleStep(JsonNode system, int target) {
        for (JsonNode step : system.path("idle")) {
            if (step.path("target").asInt() == target) {
                return step;
            }
        }
        return null;
    }
}
