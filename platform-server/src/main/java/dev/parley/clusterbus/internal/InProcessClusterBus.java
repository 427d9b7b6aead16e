package dev.parley.clusterbus.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.SlowSubscriberException;
import dev.parley.clusterbus.Topic;
import org.springframework.context.ApplicationEventPublisher;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * The bus of a single node: delivery is a method call, so nothing is ever lost and
 * {@link BusReady} is signalled exactly once per subscription. Thread-safe.
 */
public class InProcessClusterBus implements ClusterBus {

    private final Map<Topic, Set<FluxSink<ClusterEvent>>> subscribers = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher localListeners;

    public InProcessClusterBus(ApplicationEventPublisher localListeners) {
        this.localListeners = localListeners;
    }

    @Override
    public Mono<Void> publish(ClusterEvent event) {
        return Mono.fromRunnable(() -> {
            localListeners.publishEvent(event);
            deliver(event);
        });
    }

    /** Hands {@code event} to this node's subscribers of its topics. */
    public void deliver(ClusterEvent event) {
        for (Topic topic : event.topics()) {
            Set<FluxSink<ClusterEvent>> sinks = subscribers.get(topic);
            if (sinks != null) {
                // FluxSink.next is serialised, so publishers on several threads may call it at once.
                sinks.forEach(sink -> sink.next(event));
            }
        }
    }

    @Override
    public Flux<ClusterEvent> subscribe(Topic topic, int buffer) {
        return Flux.<ClusterEvent>create(sink -> {
                    // Add inside compute: a concurrent last unsubscribe must not drop the set we add to.
                    subscribers.compute(topic, (t, sinks) -> {
                        Set<FluxSink<ClusterEvent>> set = sinks == null ? ConcurrentHashMap.newKeySet() : sinks;
                        set.add(sink);
                        return set;
                    });
                    sink.onDispose(() -> subscribers.computeIfPresent(topic, (t, sinks) -> {
                        sinks.remove(sink);
                        return sinks.isEmpty() ? null : sinks;
                    }));
                    sink.next(new BusReady(topic));
                })
                .onBackpressureBuffer(buffer, dropped -> { }, BufferOverflowStrategy.ERROR)
                .onErrorMap(Exceptions::isOverflow, overflow -> new SlowSubscriberException(topic, buffer));
    }

    /** How many topics have a subscriber on this node. */
    public int topicCount() {
        return subscribers.size();
    }
}
