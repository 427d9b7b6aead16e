package dev.parley.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Several latency windows at one rate, summed up as one. A single 10-second window's p99 on this
 * shared 2-core machine moved by a third from one run to the next (one stall of the machine fills
 * the top percent), so the goal's rate is measured more than once and the median window stands.
 */
final class Windows {

    private Windows() {
    }

    /**
     * The median window by its worse direction's p99 (of an even number, the worse of the middle
     * two), with each window's worse p99 in {@code windowsP99Ms}, in the order run. Counts are the
     * windows' sums, so a message lost or refused in any window shows; percentiles, CPU and the
     * writer's times are the median window's. A single window is answered unchanged.
     */
    static JsonNode median(List<JsonNode> windows) {
        if (windows.size() == 1) {
            return windows.get(0);
        }
        List<JsonNode> byP99 = new ArrayList<>(windows);
        byP99.sort(Comparator.comparingDouble(Goals::worstP99));
        ObjectNode result = (ObjectNode) byP99.get(byP99.size() / 2).deepCopy();
        ArrayNode p99s = result.putArray("windowsP99Ms");
        windows.forEach(w -> p99s.add(Goals.worstP99(w)));
        for (String direction : List.of("toAgent", "toVisitor")) {
            ObjectNode d = (ObjectNode) result.path(direction);
            for (String count : List.of("sent", "received", "duplicates")) {
                d.put(count, windows.stream().mapToLong(w -> w.path(direction).path(count).asLong()).sum());
            }
        }
        ObjectNode errors = result.putObject("errors");
        windows.forEach(w -> w.path("errors").properties()
                .forEach(e -> errors.put(e.getKey(), errors.path(e.getKey()).asLong() + e.getValue().asLong())));
        return result;
    }

    /** " (median of 3 windows, worse p99 22.1–41.0 ms)" for a summed-up window; nothing for a single one. */
    static String note(JsonNode run) {
        JsonNode p99s = run.path("windowsP99Ms");
        if (p99s.size() < 2) {
            return "";
        }
        DoubleSummaryStatistics range = Report.numbers(p99s);
        return String.format(Locale.ROOT, " (median of %d windows, worse p99 %.1f–%.1f ms)", p99s.size(), range.getMin(), range.getMax());
    }
}
