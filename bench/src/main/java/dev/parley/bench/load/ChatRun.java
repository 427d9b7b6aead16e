package dev.parley.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One fixed-rate window of chat traffic on a {@link Rig}: half the messages go visitor to agent,
 * half agent to visitor, round-robin over the conversations, each with a body of the same size.
 * Warm-up traffic is sent first and not counted; after the window the run waits for stragglers.
 */
final class ChatRun {

    /** Characters in every message body, for every system: a typical short chat line. */
    static final int BODY_LENGTH = 100;

    /** Longest wait after a window for an overloaded system to catch up before the next. */
    static final double SETTLE_LIMIT_SECONDS = 30;
    private static final long QUIET_MILLIS = 3_000;

    /**
     * Numbers every message of the load generator's life, across windows and rigs: the number is the
     * message's client id, and Parley answers a repeated client id with the message it already
     * stored (a retry, not a new message), so numbers restarting at 0 in each window made every
     * window after the first "lose" what repeated an earlier window's ids.
     */
    private static final AtomicLong MESSAGE_NUMBERS = new AtomicLong();

    private ChatRun() {
    }

    static Map<String, Object> run(Rig rig, Meter meter, double rate, double warmupSeconds, double seconds, double drainSeconds) {
        long start = System.nanoTime() + 100_000_000L;
        long windowStart = start + (long) (warmupSeconds * 1e9);
        long windowEnd = windowStart + (long) (seconds * 1e9);
        meter.reset(windowStart, windowEnd);
        Latencies toAgent = meter.toAgent();
        Latencies toVisitor = meter.toVisitor();
        int conversations = rig.conversations();
        long count = (long) Math.ceil(rate * (warmupSeconds + seconds));
        Map<String, Long> errorsBefore = rig.errors();
        long cpuBefore = Cpu.processNanos();
        Pacer pacer = new Pacer();
        // The deadline bounds the loop even if sends stall: twice the planned time plus ten seconds.
        long deadline = start + (long) (2 * (warmupSeconds + seconds) * 1e9) + 10_000_000_000L;
        long firstNumber = MESSAGE_NUMBERS.getAndAdd(count);
        long sent = pacer.run(rate, count, start, deadline, (k, intended) -> {
            int conversation = (int) (k % conversations);
            boolean fromVisitor = (k / conversations) % 2 == 0;
            String body = Latencies.body(intended, BODY_LENGTH);
            meter.allSent.increment();
            if (fromVisitor) {
                toAgent.sent(intended);
                rig.fromVisitor(conversation, firstNumber + k, body);
            }
            else {
                toVisitor.sent(intended);
                rig.fromAgent(conversation, firstNumber + k, body);
            }
        });
        long sendingEnded = System.nanoTime();
        long cpuSending = Cpu.processNanos() - cpuBefore;
        waitForDrain(toAgent, toVisitor, drainSeconds);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("settleSeconds", settle(meter));
        result.put("rate", rate);
        result.put("conversations", conversations);
        result.put("warmupSeconds", warmupSeconds);
        result.put("seconds", seconds);
        result.put("attempted", count);
        result.put("sent", sent);
        result.put("toAgent", toAgent.summary());
        result.put("toVisitor", toVisitor.summary());
        result.put("pacerMaxLagMs", pacer.maxLagNanos() / 1_000_000.0);
        result.put("loadgenCpuCores", cpuSending / (double) (sendingEnded - start));
        result.put("errors", difference(rig.errors(), errorsBefore));
        return result;
    }

    /** Waits until every message of the window arrived or {@code drainSeconds} passed. */
    private static void waitForDrain(Latencies toAgent, Latencies toVisitor, double drainSeconds) {
        long until = System.nanoTime() + (long) (drainSeconds * 1e9);
        while (System.nanoTime() < until) {
            Map<String, Object> a = toAgent.peek();
            Map<String, Object> v = toVisitor.peek();
            if (a.get("received").equals(a.get("sent")) && v.get("received").equals(v.get("sent"))) {
                return;
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Waits until everything sent so far arrived, or nothing arrived for {@link #QUIET_MILLIS} (the
     * rest is lost), at most {@link #SETTLE_LIMIT_SECONDS}: a backlog left by an overloaded window
     * must not count against the next one. Returns the seconds waited.
     */
    private static double settle(Meter meter) {
        long start = System.nanoTime();
        long limit = start + (long) (SETTLE_LIMIT_SECONDS * 1e9);
        long lastArrived = meter.allArrived.sum();
        long lastChange = start;
        while (System.nanoTime() < limit && meter.allArrived.sum() < meter.allSent.sum()
                && System.nanoTime() - lastChange < QUIET_MILLIS * 1_000_000L) {
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long arrived = meter.allArrived.sum();
            if (arrived != lastArrived) {
                lastArrived = arrived;
                lastChange = System.nanoTime();
            }
        }
        // Whatever never arrived is written off, so the next window starts from an even count.
        meter.allArrived.add(Math.max(0, meter.allSent.sum() - meter.allArrived.sum()));
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> diff = new LinkedHashMap<>();
        after.forEach((key, value) -> {
            long delta = value - before.getOrDefault(key, 0L);
            if (delta != 0) {
                diff.put(key, delta);
            }
        });
        return diff;
    }
}
