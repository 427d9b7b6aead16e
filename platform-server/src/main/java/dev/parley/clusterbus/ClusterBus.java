package dev.parley.clusterbus;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publish and subscribe across all nodes. Delivery is at most once and ordered per publishing node
 * and topic; the database stays the source of truth.
 */
public interface ClusterBus {

    /**
     * Publishes {@code event} to each of its topics. Subscribers on this node receive it before the
     * returned Mono completes; other nodes receive it shortly after. Never signals an error: a
     * transport failure is logged, and subscribers recover through {@link BusReady}.
     *
     * <p>This node's {@code @EventListener}s receive it too, once, as an application event: that is
     * how modules react to what happened here (routing to a queued conversation, say), while the
     * topics carry it to clients on every node. Listeners must not block.
     */
    Mono<Void> publish(ClusterEvent event);

    /**
     * Publishes {@code events} in order, as {@link #publish} each would: the same contract, but a
     * transport may send them together (one write to Redis instead of one per event and topic).
     */
    default Mono<Void> publishAll(List<? extends ClusterEvent> events) {
        return Flux.fromIterable(events).concatMap(this::publish).then();
    }

    /**
     * The events of {@code topic}, starting with {@link BusReady}. The subscription buffers at most
     * {@code buffer} events for a slow consumer, then fails with {@link SlowSubscriberException}.
     * Cancelling ends the subscription. Events are emitted on the publishing or transport thread.
     */
    Flux<ClusterEvent> subscribe(Topic topic, int buffer);
}
