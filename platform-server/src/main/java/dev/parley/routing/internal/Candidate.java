package dev.parley.routing.internal;

import java.time.Instant;
import java.util.Set;

/** An agent who may be given chats now, with what routing needs to choose among them. */
record Candidate(String id, String name, Integer capacityOverride, Instant lastAssignedAt, Set<String> teams) {

    int capacity(int siteDefault) {
        return capacityOverride == null ? siteDefault : capacityOverride;
    }
}
