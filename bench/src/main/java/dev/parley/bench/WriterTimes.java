package dev.parley.bench;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parley's own account of where a message's time went inside the node: how long each post waited
 * for its batch to start and how long each batch took to commit, read from the histograms in its
 * Prometheus metrics ({@code parley_messages_waited_seconds}, {@code parley_messages_commit_seconds}
 * with {@code outcome="stored"}) before and after a window, so the window's uncounted warm-up
 * seconds and its drain are included, unlike in its latencies. A percentile is the upper bound of the
 * bucket it falls in, so it is at most one bucket (a few tens of percent) above the true value.
 */
final class WriterTimes {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WAITED = "parley_messages_waited_seconds_bucket{";
    private static final String COMMIT = "parley_messages_commit_seconds_bucket{";

    private WriterTimes() {
    }

    /** Cumulative counts by bucket bound in seconds, of each histogram. */
    record Snapshot(TreeMap<Double, Double> waited, TreeMap<Double, Double> commit) {
    }

    static Snapshot parse(String prometheus) {
        Snapshot s = new Snapshot(new TreeMap<>(), new TreeMap<>());
        for (String line : prometheus.split("\n")) {
            TreeMap<Double, Double> into = line.startsWith(WAITED) ? s.waited()
                    : line.startsWith(COMMIT) && line.contains("outcome=\"stored\"") ? s.commit() : null;
            int le = line.indexOf("le=\"");
            if (into == null || le < 0) {
                continue;
            }
            String bound = line.substring(le + 4, line.indexOf('"', le + 4));
            into.put(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound),
                    Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        }
        return s;
    }

    /** The window's batches and the p50 and p99 of each histogram, in ms; empty when nothing was committed. */
    static ObjectNode between(Snapshot before, Snapshot after) {
        ObjectNode times = JSON.createObjectNode();
        double batches = count(before.commit(), after.commit());
        if (batches == 0) {
            return times;
        }
        times.put("batches", (long) batches);
        times.put("posts", (long) count(before.waited(), after.waited()));
        times.put("waitP50Ms", percentileMs(before.waited(), after.waited(), 50));
        times.put("waitP99Ms", percentileMs(before.waited(), after.waited(), 99));
        times.put("commitP50Ms", percentileMs(before.commit(), after.commit(), 50));
        times.put("commitP99Ms", percentileMs(before.commit(), after.commit(), 99));
        return times;
    }

    /** The bound of the first bucket holding {@code p} % of what was recorded in between, in ms. */
    static double percentileMs(TreeMap<Double, Double> before, TreeMap<Double, Double> after, double p) {
        double total = count(before, after);
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            double inBetween = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (total > 0 && inBetween >= total * p / 100) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.NaN;
    }

    private static double count(TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
        return after.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    }
}
