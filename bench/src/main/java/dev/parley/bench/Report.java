package dev.parley.bench;

import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Renders a run's results: the JSON kept in bench/results/ and the Markdown table printed and put in README. */
final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static final List<String> PARLEY = List.of("parley-mariadb", "parley-embedded");
    private static final Map<String, String> NAMES = Map.of("parley-mariadb", "Parley, MariaDB + Redis", "parley-embedded",
            "Parley, embedded H2", "socketio", "Socket.IO relay", "ws", "raw ws relay");

    private Report() {
    }

    static String json(Map<String, Object> results) {
        return JSON.writeValueAsString(results) + "\n";
    }

    static String table(Map<String, Object> results) {
        JsonNode r = JSON.valueToTree(results);
        JsonNode systems = r.path("systems");
        StringBuilder t = new StringBuilder();
        JsonNode m = r.path("machine");
        JsonNode git = r.path("git");
        t.append(String.format(Locale.ROOT, "Run of %s, commit %s%s, plan %s. %s, %d cores, %s GiB, %s; %s; Node %s; %s; %s.%n%n",
                r.path("startedAt").asString().substring(0, 10), git.path("commit").asString().substring(0, Math.min(12,
                        git.path("commit").asString().length())), git.path("dirty").asBoolean() ? " (uncommitted changes)" : "",
                r.path("plan").path("name").asString(), m.path("cpu").asString(), m.path("cores").asInt(), m.path("memoryGiB").asString(),
                m.path("os").asString(), m.path("java").asString(), m.path("node").asString(), m.path("mariadb").asString(),
                m.path("redis").asString()));
        if (!m.path("loadAverageAtStart").asString("").isEmpty()) {
            t.append(String.format(Locale.ROOT, "Load average %s at start, %s at end (1, 5, 15 min, on %d cores): above the core"
                    + " count, other work shared the machine; absolute numbers drift with it, ratios measured side by side hold"
                    + " better.%n%n", m.path("loadAverageAtStart").asString(), m.path("loadAverageAtEnd").asString("–"), m.path("cores").asInt()));
        }
        List<String> nodes = PARLEY.stream().filter(p -> systems.path(p).path("jvmFlags").isArray())
                .map(p -> NAMES.get(p) + " ran with `" + String.join(" ", strings(systems.path(p).path("jvmFlags"))) + "`").toList();
        if (!nodes.isEmpty()) {
            t.append(String.join("; ", nodes)).append(" (docs/operations.md, JVM memory).\n\n");
        }
        Goals.append(t, r);
        t.append("\n| latency, one-way ms (p50 / p99 / p99.9) | msg/s | visitor → agent | agent → visitor | delivered | server CPU | load generator CPU | in Parley's writer, p99 ms: wait / commit |\n");
        t.append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
        systems.properties().forEach(e -> {
            for (JsonNode run : e.getValue().path("chat").path("latency")) {
                t.append(String.format(Locale.ROOT, "| %s | %,d%s | %s | %s | %s | %s | %.2f cores | %s |%n", NAMES.get(e.getKey()),
                        run.path("rate").asInt(), Windows.note(run), triple(run.path("toAgent")), triple(run.path("toVisitor")), delivered(run),
                        serverCpu(run), run.path("loadgenCpuCores").asDouble(), writer(run.path("writer"))));
            }
        });
        t.append("\n| maximum sustained rate (p99 < 100 ms, nothing lost, duplicated or refused) | msg/s | p99 there, ms | server CPU | load generator CPU | next step failed by |\n");
        t.append("|---|--:|--:|--:|--:|---|\n");
        systems.properties().forEach(e -> {
            JsonNode chat = e.getValue().path("chat");
            if (chat.isMissingNode()) {
                return;
            }
            JsonNode best = Goals.stepAt(chat, chat.path("maxSustainedPerSecond").asInt());
            JsonNode steps = chat.path("throughputSteps");
            JsonNode failed = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            String why = failed == null || Phases.passes(failed) ? "(no step failed)" : failure(failed);
            t.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s |%n", NAMES.get(e.getKey()),
                    chat.path("maxSustainedPerSecond").asInt(), best == null ? "–" : p99(best),
                    best == null ? "–" : serverCpu(best),
                    best == null ? "–" : String.format(Locale.ROOT, "%.2f cores", best.path("loadgenCpuCores").asDouble()), why));
        });
        t.append("\n| memory per idle connection (heap / RSS) |");
        List<Integer> steps = Goals.idleSteps(r);
        steps.forEach(n -> t.append(String.format(Locale.ROOT, " %,d |", n)));
        t.append("\n|---|").append("--:|".repeat(steps.size())).append('\n');
        systems.properties().forEach(e -> {
            t.append("| ").append(NAMES.get(e.getKey())).append(" |");
            for (int n : steps) {
                JsonNode step = Goals.idleStep(e.getValue(), n);
                t.append(step == null ? " – |" : String.format(Locale.ROOT, " %.1f / %.1f KB%s |", step.path("heapPerConnectionBytes").asLong() / 1024.0,
                        step.path("rssPerConnectionBytes").asLong() / 1024.0,
                        step.path("open").asLong() < n ? String.format(Locale.ROOT, " (%,d open)", step.path("open").asLong()) : ""));
            }
            t.append('\n');
        });
        Goals.appendRouting(t, systems);
        Goals.appendRatios(t, systems);
        return t.toString();
    }

    /** Count, minimum and maximum of a JSON array of numbers. */
    static DoubleSummaryStatistics numbers(JsonNode array) {
        DoubleSummaryStatistics stats = new DoubleSummaryStatistics();
        array.forEach(n -> stats.accept(n.asDouble()));
        return stats;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    static String triple(JsonNode d) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", d.path("p50Ms").asDouble(), d.path("p99Ms").asDouble(), d.path("p999Ms").asDouble());
    }

    static String p99(JsonNode run) {
        return String.format(Locale.ROOT, "%.1f / %.1f", run.path("toAgent").path("p99Ms").asDouble(), run.path("toVisitor").path("p99Ms").asDouble());
    }

    /**
     * The server's CPU, and Parley's own process in brackets where the database and Redis ran
     * beside it: they share the two cores, but a change in Parley shows first in its own share.
     */
    static String serverCpu(JsonNode run) {
        double all = run.path("serverCpuCores").asDouble();
        JsonNode own = run.path("processCpuCores");
        return own.isMissingNode() || Math.abs(own.asDouble() - all) < 0.005
                ? String.format(Locale.ROOT, "%.2f cores", all)
                : String.format(Locale.ROOT, "%.2f cores (Parley %.2f)", all, own.asDouble());
    }

    /** Upper bounds of the node's histogram buckets ({@link WriterTimes}); a dash where there are none (the relays). */
    static String writer(JsonNode times) {
        return times.has("commitP99Ms")
                ? String.format(Locale.ROOT, "≤ %.1f / ≤ %.1f", times.path("waitP99Ms").asDouble(), times.path("commitP99Ms").asDouble())
                : "–";
    }

    private static String delivered(JsonNode run) {
        long sent = run.path("toAgent").path("sent").asLong() + run.path("toVisitor").path("sent").asLong();
        long received = run.path("toAgent").path("received").asLong() + run.path("toVisitor").path("received").asLong();
        long duplicates = run.path("toAgent").path("duplicates").asLong() + run.path("toVisitor").path("duplicates").asLong();
        String text = sent == 0 ? "–" : String.format(Locale.ROOT, "%.2f%%", 100.0 * received / sent);
        return duplicates == 0 ? text : String.format(Locale.ROOT, "%s, %,d twice", text, duplicates);
    }

    private static String failure(JsonNode run) {
        String text = String.format(Locale.ROOT, "%,d msg/s: p99 %s ms, %s delivered", run.path("rate").asInt(), p99(run), delivered(run));
        return run.path("errors").isEmpty() ? text : text + ", refused " + run.path("errors");
    }
}
