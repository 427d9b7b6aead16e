package dev.parley.routing.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.parley.routing.QueueSettings;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsCacheTests {

    /** Each read waits until the test answers it, so the test decides what is in flight. */
    private final List<Sinks.One<QueueSettings>> reads = new CopyOnWriteArrayList<>();
    private final SettingsCache cache = new SettingsCache(site -> {
        Sinks.One<QueueSettings> read = Sinks.one();
        reads.add(read);
        return read.asMono();
    }, null, Duration.ofMinutes(1));

    private static QueueSettings withCapacity(int maxChats) {
        QueueSettings d = QueueSettings.defaults("site-1");
        return new QueueSettings(d.siteId(), d.policy(), d.teamId(), maxChats, d.queueTimeout(), d.noReplyTimeout(), d.autoClose(),
                d.maxQueueLength(), d.businessHours());
    }

    @Test
    void callersMissingTogetherShareOneRead() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 100; i++) {
            cache.get("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()));
        }
        assertThat(reads).hasSize(1);

        reads.get(0).tryEmitValue(withCapacity(7));

        assertThat(seen).hasSize(100).containsOnly(7);
        cache.get("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()));
        assertThat(reads).hasSize(1);
        assertThat(seen).hasSize(101);
    }

    @Test
    void aCallerInATransactionNeverWaitsOnAnotherCallersReadButUsesWhatArrived() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        cache.get("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()));
        cache.getInTransaction("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()));
        assertThat(reads).hasSize(2);

        reads.get(1).tryEmitValue(withCapacity(6));
        assertThat(seen).containsExactly(6);
        reads.get(0).tryEmitValue(withCapacity(6));

        cache.getInTransaction("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()));
        assertThat(reads).hasSize(2);
        assertThat(seen).containsExactly(6, 6, 6);
    }

    @Test
    void aReadInATransactionThatBeganBeforeAChangeIsNotKeptAfterIt() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        cache.getInTransaction("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()));
        cache.forget("site-1");
        reads.get(0).tryEmitValue(withCapacity(3));

        cache.get("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()));
        assertThat(reads).as("the copy from before the change was not kept").hasSize(2);
        reads.get(1).tryEmitValue(withCapacity(8));

        assertThat(seen).containsExactly(3, 8);
    }

    @Test
    void aSiteWithoutSettingsGetsTheDefaults() {
        List<QueueSettings> seen = new CopyOnWriteArrayList<>();
        cache.get("site-1").subscribe(seen::add);

        reads.get(0).tryEmitEmpty();

        assertThat(seen).containsExactly(QueueSettings.defaults("site-1"));
    }

    @Test
    void aFailedReadIsNotKept() {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        cache.get("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()), errors::add);

        reads.get(0).tryEmitError(new IllegalStateException("database down"));
        cache.get("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()), errors::add);
        reads.get(1).tryEmitValue(withCapacity(4));

        assertThat(errors).singleElement().satisfies(e -> assertThat(e).hasMessage("database down"));
        assertThat(seen).containsExactly(4);
    }

    @Test
    void aForgottenSiteIsReadAgainAndLaterCallersNeverGetTheOldCopy() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        cache.get("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()));
        reads.get(0).tryEmitValue(withCapacity(3));

        cache.forget("site-1");
        cache.get("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()));
        assertThat(reads).hasSize(2);
        reads.get(1).tryEmitValue(withCapacity(9));

        assertThat(seen).containsExactly(3, 9);
    }

    @Test
    void aCopyOlderThanItsLifetimeIsReadAgain() {
        SettingsCache shortLived = new SettingsCache(site -> {
            Sinks.One<QueueSettings> read = Sinks.one();
            reads.add(read);
            return read.asMono();
        }, null, Duration.ZERO);
        shortLived.get("site-1").subscribe();
        reads.get(0).tryEmitValue(withCapacity(3));

        List<Integer> seen = new CopyOnWriteArrayList<>();
        shortLived.get("site-1").subscribe(s -> seen.add(s.maxChatsPerAgent()));
        assertThat(reads).hasSize(2);
        reads.get(1).tryEmitValue(withCapacity(5));

        assertThat(seen).containsExactly(5);
    }
}
