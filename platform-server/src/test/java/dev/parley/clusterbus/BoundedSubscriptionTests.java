package dev.parley.clusterbus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** One subscriber's bounded view of a topic: readiness first, demand, overflow, cancel, and concurrent producers. */
class BoundedSubscriptionTests {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Topic TOPIC = Topic.of("t", "bounded");

    final AtomicReference<BoundedSubscription> registered = new AtomicReference<>();
    final AtomicInteger unregistered = new AtomicInteger();

    record Ping(int n) implements ClusterEvent {
        @Override
        public List<Topic> topics() {
            return List.of(TOPIC);
        }
    }

    Flux<ClusterEvent> open(int buffer) {
        return BoundedSubscription.open(TOPIC, buffer, registered::set, gone -> {
            assertThat(gone).isSameAs(registered.get());
            unregistered.incrementAndGet();
        });
    }

    @Test
    void aSubscriberThatStopsReadingFailsAtOnceWithoutHavingToDrainItsBuffer() {
        StepVerifier.create(open(4), 1)
                .then(() -> registered.get().ready(1))
                .expectNext(new BusReady(TOPIC))
                // Four wait unrequested; the fifth is one too many, and the error overtakes the four.
                .then(() -> {
                    for (int i = 1; i <= 5; i++) {
                        registered.get().offer(new Ping(i));
                    }
                })
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SlowSubscriberException.class))
                .verify(WAIT);
        assertThat(unregistered).hasValue(1);
    }

    @Test
    void eventsBeforeTheFirstReadyFollowItAndOnlyRequestedOnesAreDelivered() {
        StepVerifier.create(open(16), 0)
                .then(() -> {
                    registered.get().offer(new Ping(1));
                    registered.get().offer(new Ping(2));
                    registered.get().resync();
                    registered.get().ready(1);
                    registered.get().ready(1);
                    registered.get().offer(new Ping(3));
                })
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(2)
                .expectNext(new BusReady(TOPIC), new Ping(1))
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(10)
                .expectNext(new Ping(2), new Ping(3))
                .then(() -> registered.get().ready(2))
                .expectNext(new BusReady(TOPIC))
                .thenCancel()
                .verify(WAIT);
        assertThat(unregistered).hasValue(1);
    }

    @Test
    void aCancelDuringSubscribeStillUnregistersOnceAndLaterOffersGoNowhere() {
        List<ClusterEvent> seen = new CopyOnWriteArrayList<>();
        open(16).subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            protected void hookOnNext(ClusterEvent event) {
                seen.add(event);
            }
        });
        registered.get().ready(1);
        registered.get().offer(new Ping(1));
        registered.get().fail(new IllegalStateException("after the end"));
        assertThat(unregistered).hasValue(1);
        assertThat(seen).isEmpty();
    }

    @Test
    void concurrentProducersLoseAndDuplicateNothingAndKeepEachOnesOrder() throws InterruptedException {
        int producers = 4;
        int each = 20_000;
        List<ClusterEvent> seen = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(1);
        open(producers * each + 1).subscribe(event -> {
            seen.add(event); // one at a time by contract, so a plain list
            if (seen.size() == producers * each + 1) {
                all.countDown();
            }
        });
        registered.get().ready(1);
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try {
            for (int p = 0; p < producers; p++) {
                int base = p * each;
                pool.execute(() -> {
                    for (int i = 0; i < each; i++) {
                        registered.get().offer(new Ping(base + i));
                    }
                });
            }
            assertThat(all.await(WAIT.toSeconds() * 4, TimeUnit.SECONDS)).as("every event delivered").isTrue();
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(seen.get(0)).isEqualTo(new BusReady(TOPIC));
        int[] last = new int[producers];
        java.util.Arrays.fill(last, -1);
        for (ClusterEvent event : seen.subList(1, seen.size())) {
            int n = ((Ping) event).n();
            assertThat(n).as("per-producer order").isGreaterThan(last[n / each]);
            last[n / each] = n;
        }
        assertThat(last).containsExactly(each - 1, 2 * each - 1, 3 * each - 1, 4 * each - 1);
    }
}
