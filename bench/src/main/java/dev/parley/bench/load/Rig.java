package dev.parley.bench.load;

import java.util.Map;

/**
 * One system set up for the chat benchmark: a number of conversations, each with a visitor side
 * and an agent side connected. Sends are called from the pacer's thread and never block; arrivals
 * are timed by the {@link Meter} the rig was built with.
 */
interface Rig {

    int conversations();

    /** {@code number} is unique over the load generator's life: Parley takes it as the client message id. */
    void fromVisitor(int conversation, long number, String body);

    /** As {@link #fromVisitor}, the other way. */
    void fromAgent(int conversation, long number, String body);

    /** Refusals and failures seen so far, by kind. */
    Map<String, Long> errors();

    void close();
}
