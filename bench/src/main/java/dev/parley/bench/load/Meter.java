package dev.parley.bench.load;

/**
 * Where arriving chat messages are timed: the current window's latencies for each direction.
 * Rigs call it from their event loops; {@link #reset} starts a new window.
 */
final class Meter {

    private volatile Latencies toAgent = new Latencies();
    private volatile Latencies toVisitor = new Latencies();
    /** Every timed message sent and arrived, in or out of a window: whether the system is still catching up. */
    final java.util.concurrent.atomic.LongAdder allSent = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder allArrived = new java.util.concurrent.atomic.LongAdder();

    void reset(long windowStart, long windowEnd) {
        Latencies agent = new Latencies();
        Latencies visitor = new Latencies();
        agent.window(windowStart, windowEnd);
        visitor.window(windowStart, windowEnd);
        toAgent = agent;
        toVisitor = visitor;
    }

    Latencies toAgent() {
        return toAgent;
    }

    Latencies toVisitor() {
        return toVisitor;
    }

    /** An agent received {@code frame}, a visitor's message. */
    void agentGot(String frame) {
        long now = System.nanoTime();
        long intended = Latencies.intendedIn(frame);
        if (intended >= 0) {
            allArrived.increment();
            toAgent.received(intended, now);
        }
    }

    /** A visitor received {@code frame}, an agent's message. */
    void visitorGot(String frame) {
        long now = System.nanoTime();
        long intended = Latencies.intendedIn(frame);
        if (intended >= 0) {
            allArrived.increment();
            toVisitor.received(intended, now);
        }
    }
}
