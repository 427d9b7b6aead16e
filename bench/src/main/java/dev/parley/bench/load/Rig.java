package dev.parley.bench.load;

import java.util.Map;

/**
 * One system set up for the chat benchmark: a number of conversations, each with a visitor side
 * and an agent side connected. Sends are called from the pacer's thread and never block; arrivals
 * are timed by the {@link Meter} the rig was built with.
 */
interface Rig {

    int conversations();

    void fromVisitor(int conversation, long k, String body);

    void fromAgent(int conversation, long k, String body);

    /** Refusals and failures seen so far, by kind. */
    Map<String, Long> errors();

    void close();
}
