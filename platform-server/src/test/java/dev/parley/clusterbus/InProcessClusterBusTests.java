package dev.parley.clusterbus;

import java.time.Duration;
import java.util.List;

import dev.parley.clusterbus.internal.InProcessClusterBus;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The single-node bus: delivery by topic, readiness first, and a bounded buffer per subscriber. */
class InProcessClusterBusTests {

    final InProcessClusterBus bus = new InProcessClusterBus(event -> { });

    record Ping(Topic topic, int n) implements ClusterEvent {
        @Override
        public List<Topic> topics() {
            return List.of(topic);
        }
    }

    @Test
    void subscribersGetReadyThenTheirTopicsEventsOnly() {
        Topic mine = Topic.of("t", "mine");
        StepVerifier.create(bus.subscribe(mine, 16).take(3))
                .expectNext(new BusReady(mine))
                .then(() -> {
                    bus.publish(new Ping(Topic.of("t", "other"), 0)).block(Duration.ofSeconds(1));
                    bus.publish(new Ping(mine, 1)).block(Duration.ofSeconds(1));
                    bus.publish(new Ping(mine, 2)).block(Duration.ofSeconds(1));
                })
                .expectNext(new Ping(mine, 1), new Ping(mine, 2))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(bus.topicCount()).as("a cancelled subscription leaves nothing behind").isZero();
    }

    @Test
    void aSubscriberThatFallsBehindItsBufferFailsInsteadOfGrowing() {
        Topic topic = Topic.of("t", "slow");
        StepVerifier.create(bus.subscribe(topic, 16), 1)
                .expectNext(new BusReady(topic))
                .then(() -> {
                    for (int i = 0; i < 100; i++) {
                        bus.publish(new Ping(topic, i)).block(Duration.ofSeconds(1));
                    }
                })
                .expectError(SlowSubscriberException.class)
                .verify(Duration.ofSeconds(5));
    }
}
