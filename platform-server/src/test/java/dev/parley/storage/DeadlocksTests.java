package dev.parley.storage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlocksTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aDuplicateOrOtherLastingErrorIsNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        Mono<String> work = Mono.defer(() -> {
            runs.incrementAndGet();
            return Mono.error(new DataIntegrityViolationException("duplicate"));
        });

        StepVerifier.withVirtualTime(() -> work.retryWhen(Deadlocks.retry()))
                .thenAwait(Duration.ofSeconds(10))
                .expectError(DataIntegrityViolationException.class).verify(WAIT);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aDeadlockVictimRunsAgainUntilItGoesThrough() {
        AtomicInteger runs = new AtomicInteger();
        Mono<String> work = Mono.defer(() -> runs.incrementAndGet() <= Deadlocks.RETRIES
                ? Mono.error(new PessimisticLockingFailureException("Deadlock found when trying to get lock"))
                : Mono.just("done"));

        StepVerifier.withVirtualTime(() -> work.retryWhen(Deadlocks.retry()))
                .thenAwait(Duration.ofSeconds(10))
                .expectNext("done").expectComplete().verify(WAIT);
        assertThat(runs).hasValue(Deadlocks.RETRIES + 1);
    }

    @Test
    void whenTheRetriesRunOutTheDeadlockItselfIsPassedOn() {
        Mono<String> work = Mono.error(() -> new PessimisticLockingFailureException("Deadlock found when trying to get lock"));

        StepVerifier.withVirtualTime(() -> work.retryWhen(Deadlocks.retry()))
                .thenAwait(Duration.ofSeconds(10))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(PessimisticLockingFailureException.class)
                        .hasMessageContaining("Deadlock"))
                .verify(WAIT);
    }
}
