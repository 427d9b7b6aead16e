package dev.parley.clusterbus.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.parley.clusterbus.BoundedSubscription;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;
import org.springframework.context.ApplicationEventPublisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The bus of a single node: delivery is a method call, so nothing is ever lost and
 * {@link dev.parley.clusterbus.BusReady} is signalled exactly once per subscription. Thread-safe.
 */
public class InProcessClusterBus implements ClusterBus {

    private final Map<Topic, Set<BoundedSubscription>> subscribers = new ConcurrentHashMap<>();
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
            Set<BoundedSubscription> subscriptions = subscribers.get(topic);
            if (subscriptions != null) {
                subscriptions.forEach(subscription -> subscription.offer(event));
            }
        }
    }

    @Override
    public Flux<ClusterEvent> subscribe(Topic topic, int buffer) {
        return BoundedSubscription.open(topic, buffer,
                // Added inside compute: a concurrent last unsubscribe must not drop the set we add to.
                subscription -> {
                    subscribers.compute(topic, (t, set) -> {
                        Set<BoundedSubscription> target = set == null ? ConcurrentHashMap.newKeySet() : set;
                        target.add(subscription);
                        return target;
                    });
                    // Nothing can be lost in a method call: live at once, and never again.
                    subscription.ready(1);
                },
                subscription -> subscribers.computeIfPresent(topic, (t, set) -> {
                    set.remove(subscription);
                    return set.isEmpty() ? null : set;
                }));
    }

    /** How many topics have a subscriber on this node. */
    public int topicCount() {
        return subscribers.size();
    }
}
