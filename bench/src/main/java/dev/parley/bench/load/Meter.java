package dev.parley.bench.load;

/**
 * Where arriving chat messages are timed: the current window's latencies for each direction.
 * Rigs call it from their event loops; {@link #reset} starts a new window.
 */
final class Meter {

    private volatile Latencies toAgent = new Latencies();
    private volatile Latencies toVisitor = new Latencies();

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
            toAgent.received(intended, now);
        }
    }

    /** A visitor received {@code frame}, an agent's message. */
    void visitorGot(String frame) {
        long now = System.nanoTime();
        long intended = Latencies.intendedIn(frame);
        if (intended >= 0) {
            toVisitor.received(intended, now);
        }
    }
}
