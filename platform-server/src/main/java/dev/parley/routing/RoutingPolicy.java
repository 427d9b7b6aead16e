package dev.parley.routing;

/** How a site's queued conversations find an agent. */
public enum RoutingPolicy {
    /** The available agent who has waited longest since their last assignment. */
    ROUND_ROBIN,
    /** The available agent with the fewest active chats; ties go to the one waiting longest since their last assignment. */
    LEAST_BUSY,
    /** Nobody is assigned automatically: agents claim from the queue, supervisors assign by hand. */
    MANUAL
}
