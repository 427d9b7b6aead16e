package dev.parley.report.internal;

import java.util.HashMap;
import java.util.Map;

import dev.parley.report.Report;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Nearest-rank percentiles from a stream sorted by group and value, given each group's count: the
 * p-th percentile of n values is the one at rank ⌈p/100 · n⌉ (from 1). Keeps only the wanted values.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** The 1-based rank of the {@code p}-th percentile among {@code n} values. */
    static long rank(int p, long n) {
        return Math.max(1, (long) Math.ceil(p * n / 100.0));
    }

    /** Per group: count, p50 and p90 in seconds (from microsecond values). */
    public static Mono<Map<String, Report.Stats>> of(Map<String, Long> counts, Flux<ReportRepository.Value> sorted) {
        final class Walk {
            String group;
            long index;
            final Map<String, Double[]> picked = new HashMap<>();
        }
        return sorted.reduce(new Walk(), (walk, value) -> {
            if (!value.group().equals(walk.group)) {
                walk.group = value.group();
                walk.index = 0;
            }
            walk.index++;
            long n = counts.getOrDefault(value.group(), 0L);
            Double[] p = walk.picked.computeIfAbsent(value.group(), g -> new Double[2]);
            if (walk.index == rank(50, n)) {
                p[0] = value.value() / 1_000_000.0;
            }
            if (walk.index == rank(90, n)) {
                p[1] = value.value() / 1_000_000.0;
            }
            return walk;
        }).map(walk -> {
            Map<String, Report.Stats> stats = new HashMap<>();
            counts.forEach((group, n) -> {
                Double[] p = walk.picked.getOrDefault(group, new Double[2]);
                stats.put(group, new Report.Stats(n, p[0], p[1]));
            });
            return stats;
        });
    }
}
