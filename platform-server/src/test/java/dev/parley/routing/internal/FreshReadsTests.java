package dev.parley.routing.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class FreshReadsTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Each read waits until the test answers it, so the test decides what is in flight. */
    private final List<Sinks.One<Integer>> reads = new CopyOnWriteArrayList<>();
    private final AtomicInteger version = new AtomicInteger();
    private final FreshReads<String, Integer> fresh = new FreshReads<>(key -> {
        Sinks.One<Integer> read = Sinks.one();
        reads.add(read);
        return read.asMono();
    });

    @Test
    void callersArrivingDuringAReadShareOneLaterReadNeverTheOneAlreadyInFlight() {
        List<Integer> first = new CopyOnWriteArrayList<>();
        List<Integer> later = new CopyOnWriteArrayList<>();
        fresh.get("acme").subscribe(first::add);
        assertThat(reads).hasSize(1);

        for (int i = 0; i < 50; i++) {
            fresh.get("acme").subscribe(later::add);
        }
        assertThat(reads).hasSize(1);

        reads.get(0).tryEmitValue(version.incrementAndGet());
        assertThat(first).containsExactly(1);
        assertThat(later).isEmpty();
        assertThat(reads).hasSize(2);

        reads.get(1).tryEmitValue(version.incrementAndGet());
        assertThat(later).hasSize(50).containsOnly(2);
        assertThat(reads).hasSize(2);
    }

    @Test
    void keysAreReadApart() {
        fresh.get("acme").subscribe();
        fresh.get("globex").subscribe();
        assertThat(reads).hasSize(2);
    }

    @Test
    void aFailedReadFailsOnlyItsCallersAndTheNextReadIsMade() {
        StepVerifier.create(fresh.get("acme"))
                .then(() -> reads.get(0).tryEmitError(new IllegalStateException("database down")))
                .expectErrorMessage("database down")
                .verify(WAIT);

        StepVerifier.create(fresh.get("acme"))
                .then(() -> reads.get(1).tryEmitValue(7))
                .expectNext(7)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void anEmptyReadAnswersEmpty() {
        FreshReads<String, Integer> nothing = new FreshReads<>(key -> Mono.empty());
        StepVerifier.create(nothing.get("acme")).expectComplete().verify(WAIT);
        StepVerifier.create(nothing.get("acme")).expectComplete().verify(WAIT);
    }
}
