package dev.parley.bench;

import java.util.List;

/**
 * How much the suite does. {@link #FULL} is the benchmark; {@link #QUICK} is the same suite
 * scaled down to check the harness in a few minutes, and its numbers are not comparable.
 *
 * @param idleSteps connected idle clients at which memory is measured
 * @param conversations conversations the chat traffic is spread over
 * @param chatAgents agents holding those conversations (Parley and Socket.IO)
 * @param latencyRates fixed rates, messages per second in total, at which latency is reported
 * @param warmupSeconds traffic sent before each measured window and not counted
 * @param seconds each latency window
 * @param goalRateWindows latency windows at the middle rate (the p99 goal's), of which the median is reported ({@link Windows})
 * @param drainSeconds longest wait for a window's last messages
 * @param throughputRates rates tried in turn until one fails; the last that passed is the maximum
 * @param throughputSeconds each throughput window
 * @param routingAgents online agents in the routing benchmark, each with room for {@link Provisioner#CAPACITY}
 * @param routingExtra conversations started beyond the agents' room, which must stay queued
 * @param routingWarmups most uncounted bursts before the measured ones (see {@link RoutingPhase})
 * @param routingMeasured bursts measured, each on an account of its own; the table shows their median and range
 */
record Plan(String name, List<Integer> idleSteps, int conversations, int chatAgents, List<Integer> latencyRates,
        double warmupSeconds, double seconds, int goalRateWindows, double drainSeconds, List<Integer> throughputRates, double throughputSeconds,
        int routingAgents, int routingExtra, int routingWarmups, int routingMeasured) {

    /** A throughput step passes with p99 under this in both directions, nothing lost and nothing refused. */
    static final double THROUGHPUT_P99_LIMIT_MS = 100;

    /**
     * The benchmark, sized so the whole suite (five systems, each started and measured in
     * turn) stays under about 30 minutes on a busy 2-core machine: 10-second latency windows give
     * 5,000 to 50,000 samples each, enough for a p99.9; the throughput ladder starts low so a slow
     * system still gets a number, and stops at the first rate it cannot sustain.
     */
    static final Plan FULL = new Plan("full", List.of(1_000, 5_000, 15_000), 500, 50, List.of(500, 2_000, 5_000),
            3, 10, 3, 5,
            List.of(250, 500, 1_000, 2_000, 3_000, 5_000, 7_500, 10_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000),
            5, 100, 100, 4, 3);

    static final Plan QUICK = new Plan("quick", List.of(200, 500, 1_000), 100, 10, List.of(500, 2_000),
            2, 5, 1, 5, List.of(500, 2_000, 5_000, 10_000, 20_000), 4, 20, 20, 1, 1);
}
