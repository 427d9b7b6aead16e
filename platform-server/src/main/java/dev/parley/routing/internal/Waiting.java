package dev.parley.routing.internal;

import java.time.Instant;

/** A queued conversation as the assigner sees it. */
record Waiting(String id, String siteId, String teamId, Instant queuedAt, String passedAgentId) {
}
