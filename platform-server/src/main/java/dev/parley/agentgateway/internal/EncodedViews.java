package dev.parley.agentgateway.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.parley.clusterbus.ClusterEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's frame for an event ({@link AgentViews#of}) as JSON, encoded once per node however
 * many consoles receive that event: a new queued conversation reaches every console of the
 * account, and encoding it for each of a hundred consoles cost more than deciding who sees it.
 *
 * <p>Remembers the most recent events by identity in a fixed table, so it holds at most
 * {@link #SLOTS} events and an event met again after its slot was reused is simply encoded again.
 * Uses the application's {@link JsonMapper}, the one the RSocket JSON encoder uses, so the bytes
 * are what that encoder would have written. Thread-safe and lock-free.
 */
final class EncodedViews {

    /**
     * Far more than the events one account's consoles are behind each other by in practice; 4,096
     * slots hold a few MB at most, since each keeps one event and its JSON.
     */
    static final int SLOTS = 4_096;

    private final JsonMapper json;
    private final AtomicReferenceArray<Encoded> slots = new AtomicReferenceArray<>(SLOTS);

    EncodedViews(JsonMapper json) {
        this.json = json;
    }

    private record Encoded(ClusterEvent event, byte[] bytes) {
    }

    /** The event's frame as JSON bytes, or null for events the console is not told about. */
    byte[] of(ClusterEvent event) {
        int slot = System.identityHashCode(event) & (SLOTS - 1);
        Encoded cached = slots.get(slot);
        if (cached != null && cached.event() == event) {
            return cached.bytes();
        }
        Object view = AgentViews.of(event);
        if (view == null) {
            return null;
        }
        byte[] bytes = json.writeValueAsBytes(view);
        slots.set(slot, new Encoded(event, bytes));
        return bytes;
    }
}
