package dev.parley.storage.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class ReadToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<Integer> leftovers = new CopyOnWriteArrayList<>();

    private final Drains drains = new Drains();

    @Test
    void aCancelNeverReachesTheSourceAndWhatTheSubscriberLeftGoesToLeftover() {
        AtomicBoolean sourceCancelled = new AtomicBoolean();
        Flux<Integer> source = Flux.range(1, 10).doOnCancel(() -> sourceCancelled.set(true));

        StepVerifier.create(readToEnd(source).take(3))
                .expectNext(1, 2, 3)
                .expectComplete()
                .verify(WAIT);

        assertThat(sourceCancelled).isFalse();
        // 3 was handed out as take cancelled, so it may have been dropped unread.
        assertThat(leftovers).containsExactly(3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void anErrorAfterTheCancelReachesNobody() {
        Flux<Integer> source = Flux.range(1, 5).concatWith(Flux.error(new IllegalStateException("late")));

        StepVerifier.create(readToEnd(source).next())
                .expectNext(1)
                .expectComplete()
                .verify(WAIT);

        assertThat(leftovers).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void untilACancelItIsTheSourceWithItsDemandAndErrors() {
        Flux<Integer> source = Flux.range(1, 3).concatWith(Flux.error(new IllegalStateException("broken")));

        StepVerifier.create(readToEnd(source), 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(2)
                .expectNext(1, 2)
                .thenRequest(1)
                .expectNext(3)
                .expectErrorMessage("broken")
                .verify(WAIT);

        assertThat(leftovers).isEmpty();
    }

    @Test
    void withRecallWhatWasHandedOutBeforeTheCancelGoesToLeftoverToo() {
        StepVerifier.create(ReadToEnd.of(Flux.range(1, 5), leftovers::add, true, drains), 0)
                .thenRequest(2)
                .expectNext(1, 2)
                .thenCancel()
                .verify(WAIT);

        assertThat(leftovers).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void workForTheConnectionWaitsUntilAReplyWhoseReaderLeftHasEnded() {
        Sinks.Many<Integer> reply = Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.create(readToEnd(reply.asFlux()).take(1))
                .then(() -> reply.tryEmitNext(1))
                .expectNext(1)
                .expectComplete()
                .verify(WAIT);
        AtomicBoolean sent = new AtomicBoolean();

        StepVerifier.create(Mono.from(drains.after(Mono.fromRunnable(() -> sent.set(true)))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> {
                    assertThat(sent).isFalse();
                    reply.tryEmitNext(2);
                    reply.tryEmitComplete();
                })
                .expectComplete()
                .verify(WAIT);

        assertThat(sent).isTrue();
        assertThat(leftovers).containsExactly(1, 2);
    }

    @Test
    void workStartsAtOnceWhenNoReaderLeftEarly() {
        StepVerifier.create(readToEnd(Flux.range(1, 3)))
                .expectNext(1, 2, 3)
                .expectComplete()
                .verify(WAIT);

        StepVerifier.create(Mono.from(drains.after(Mono.just("sent"))))
                .expectNext("sent")
                .expectComplete()
                .verify(WAIT);
    }

    private Flux<Integer> readToEnd(Flux<Integer> source) {
        return ReadToEnd.of(source, leftovers::add, false, drains);
    }
}
