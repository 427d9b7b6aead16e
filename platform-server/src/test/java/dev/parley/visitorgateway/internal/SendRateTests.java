package dev.parley.visitorgateway.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SendRateTests {

    private final AtomicLong clock = new AtomicLong(5_000_000_000L);

    @Test
    void aBurstPassesThenTheSteadyRate() {
        SendRate rate = new SendRate(3, 2, clock::get);
        assertThat(rate.tryTake()).isTrue();
        assertThat(rate.tryTake()).isTrue();
        assertThat(rate.tryTake()).isTrue();
        assertThat(rate.tryTake()).isFalse();

        clock.addAndGet(499_000_000L);
        assertThat(rate.tryTake()).isFalse();
        clock.addAndGet(1_000_000L);
        assertThat(rate.tryTake()).isTrue();
        assertThat(rate.tryTake()).isFalse();
    }

    @Test
    void aQuietSenderGetsItsBurstBackButNoMore() {
        SendRate rate = new SendRate(2, 10, clock::get);
        clock.addAndGet(60_000_000_000L);
        assertThat(rate.tryTake()).isTrue();
        assertThat(rate.tryTake()).isTrue();
        assertThat(rate.tryTake()).isFalse();
    }

    @Test
    void refusedTriesDoNotCostAnything() {
        SendRate rate = new SendRate(1, 1, clock::get);
        assertThat(rate.tryTake()).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(rate.tryTake()).isFalse();
        }
        clock.addAndGet(1_000_000_000L);
        assertThat(rate.tryTake()).isTrue();
    }

    @Test
    void aRateNeedsABurstAndARate() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SendRate(0, 1, clock::get));
        assertThatIllegalArgumentException().isThrownBy(() -> new SendRate(1, 0, clock::get));
    }
}
