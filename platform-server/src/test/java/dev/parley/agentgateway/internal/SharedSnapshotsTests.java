package dev.parley.agentgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class SharedSnapshotsTests {

    private static final Duration TTL = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AtomicLong clock = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();

    private SharedSnapshots<String, String> snapshots(Mono<String> answer) {
        return new SharedSnapshots<>(key -> {
            reads.incrementAndGet();
            return answer;
        }, TTL, 100, clock::get);
    }

    @Test
    void aFailedReadFailsItsReadersAndIsNotKept() {
        SharedSnapshots<String, String> snapshots = snapshots(Mono.error(new IllegalStateException("database down")));

        StepVerifier.create(snapshots.get("c1")).expectErrorMessage("database down").verify(WAIT);
        StepVerifier.create(snapshots.get("c1")).expectErrorMessage("database down").verify(WAIT);

        assertThat(reads).hasValue(2);
    }

    @Test
    void aValueAnEventCarriedIsServedWithoutAReadUntilItExpires() {
        SharedSnapshots<String, String> snapshots = snapshots(Mono.just("read from the database"));
        assertThat(snapshots.putIfAbsent("c1", "carried by the event")).isTrue();

        StepVerifier.create(snapshots.get("c1")).expectNext(Optional.of("carried by the event")).expectComplete().verify(WAIT);
        assertThat(reads).hasValue(0);

        clock.addAndGet(TTL.toNanos());
        StepVerifier.create(snapshots.get("c1")).expectNext(Optional.of("read from the database")).expectComplete().verify(WAIT);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aValueAnEventCarriedNeverReplacesWhatIsKnownAlready() {
        Sinks.One<String> database = Sinks.one();
        SharedSnapshots<String, String> snapshots = snapshots(database.asMono());
        Mono<Optional<String>> underWay = snapshots.get("c1");

        assertThat(snapshots.putIfAbsent("c1", "carried by a late event")).isFalse();
        database.tryEmitValue("read after a later change");

        StepVerifier.create(underWay).expectNext(Optional.of("read after a later change")).expectComplete().verify(WAIT);
        StepVerifier.create(snapshots.get("c1")).expectNext(Optional.of("read after a later change")).expectComplete().verify(WAIT);
        assertThat(reads).hasValue(1);

        clock.addAndGet(TTL.toNanos());
        assertThat(snapshots.putIfAbsent("c1", "carried once the snapshot expired")).isTrue();
    }

    @Test
    void fiftyReadersWaitingAtOnceShareOneRead() {
        Sinks.One<String> database = Sinks.one();
        SharedSnapshots<String, String> snapshots = snapshots(database.asMono());

        List<Mono<Optional<String>>> readers = Flux.range(0, 50).map(i -> snapshots.get("c1")).collectList().block(WAIT);
        Mono<List<Optional<String>>> all = Flux.merge(readers).collectList();
        StepVerifier.create(all)
                .then(() -> database.tryEmitValue("conversation c1"))
                .assertNext(values -> assertThat(values).hasSize(50).containsOnly(Optional.of("conversation c1")))
                .expectComplete()
                .verify(WAIT);

        assertThat(reads).hasValue(1);
    }

    @Test
    void aValueHeldIsAnsweredAsAValueAndOneUnderWayIsWaitedFor() throws Exception {
        Sinks.One<String> database = Sinks.one();
        SharedSnapshots<String, String> snapshots = snapshots(database.asMono());

        Mono<Integer> underWay = snapshots.get("c1", value -> value.orElseThrow().length());
        assertThat(underWay).isNotInstanceOf(Fuseable.ScalarCallable.class);
        StepVerifier.create(underWay)
                .then(() -> database.tryEmitValue("conversation c1"))
                .expectNext(15)
                .expectComplete()
                .verify(WAIT);

        Mono<Integer> held = snapshots.get("c1", value -> value.orElseThrow().length());
        assertThat(held).isInstanceOf(Fuseable.ScalarCallable.class);
        assertThat(((Fuseable.ScalarCallable<?>) held).call()).isEqualTo(15);
        assertThat(snapshots.putIfAbsent("c2", "carried")).isTrue();
        Mono<String> carried = snapshots.get("c2", value -> value.orElseThrow());
        assertThat(carried).isInstanceOf(Fuseable.ScalarCallable.class);
        assertThat(((Fuseable.ScalarCallable<?>) carried).call()).isEqualTo("carried");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aMissingValueIsEmptyAndShared() {
        SharedSnapshots<String, String> snapshots = snapshots(Mono.empty());

        StepVerifier.create(snapshots.get("c1")).expectNext(Optional.empty()).expectComplete().verify(WAIT);
        StepVerifier.create(snapshots.get("c1")).expectNext(Optional.empty()).expectComplete().verify(WAIT);

        assertThat(reads).hasValue(1);
    }

    @Test
    void aSnapshotIsReadAgainOnceItsTimeIsUp() {
        SharedSnapshots<String, String> snapshots = snapshots(Mono.just("v"));
        snapshots.get("c1").block(WAIT);

        clock.addAndGet(TTL.toNanos() - 1);
        snapshots.get("c1").block(WAIT);
        assertThat(reads).hasValue(1);

        clock.addAndGet(1);
        snapshots.get("c1").block(WAIT);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aForgottenKeyIsReadAfresh() {
        SharedSnapshots<String, String> snapshots = snapshots(Mono.just("v"));
        snapshots.get("c1").block(WAIT);

        snapshots.forget("c1");
        snapshots.get("c1").block(WAIT);

        assertThat(reads).hasValue(2);
    }

    @Test
    void forgettingEverythingReadsEveryKeyAfresh() {
        SharedSnapshots<String, String> snapshots = snapshots(Mono.just("v"));
        snapshots.get("c1").block(WAIT);
        snapshots.get("c2").block(WAIT);

        snapshots.forgetAll();
        snapshots.get("c1").block(WAIT);
        snapshots.get("c2").block(WAIT);

        assertThat(reads).hasValue(4);
    }
}
