package dev.parley.webhook.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionsTests {

    /** Each read waits until the test answers it, so the test decides what is in flight. */
    private final List<Sinks.Many<WebhookRepository.Target>> reads = new CopyOnWriteArrayList<>();
    private final Subscriptions subscriptions = subscriptions(Clock.systemUTC());

    private Subscriptions subscriptions(Clock clock) {
        return new Subscriptions(account -> {
            Sinks.Many<WebhookRepository.Target> read = Sinks.many().replay().all();
            reads.add(read);
            return read.asFlux();
        }, clock, Duration.ofMinutes(1));
    }

    private static WebhookRepository.Target hook(String id, String... events) {
        return new WebhookRepository.Target(id, "https://hooks.example/" + id, "secret", List.of(events), true);
    }

    private void answer(int read, WebhookRepository.Target... targets) {
        for (WebhookRepository.Target target : targets) {
            reads.get(read).tryEmitNext(target);
        }
        reads.get(read).tryEmitComplete();
    }

    @Test
    void callersMissingTogetherShareOneReadAndEachGetsTheHooksOfItsEventType() {
        List<List<String>> messages = new CopyOnWriteArrayList<>();
        List<List<String>> closes = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 50; i++) {
            subscriptions.receiving("acct", "message.created").subscribe(t -> messages.add(t.stream().map(WebhookRepository.Target::id).toList()));
            subscriptions.receiving("acct", "conversation.closed").subscribe(t -> closes.add(t.stream().map(WebhookRepository.Target::id).toList()));
        }
        assertThat(reads).hasSize(1);

        answer(0, hook("a", "message.created"), hook("b", "message.created", "conversation.closed"));

        assertThat(messages).hasSize(50).containsOnly(List.of("a", "b"));
        assertThat(closes).hasSize(50).containsOnly(List.of("b"));
        subscriptions.receiving("acct", "message.created").subscribe();
        assertThat(reads).hasSize(1);
    }

    @Test
    void aFailedReadIsNotKeptAndAForgottenAccountIsReadAgain() {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        subscriptions.receiving("acct", "message.created").subscribe(t -> { }, errors::add);
        reads.get(0).tryEmitError(new IllegalStateException("database down"));
        assertThat(errors).hasSize(1);

        List<Integer> seen = new CopyOnWriteArrayList<>();
        subscriptions.receiving("acct", "message.created").subscribe(t -> seen.add(t.size()));
        answer(1, hook("a", "message.created"));
        subscriptions.forget("acct");
        subscriptions.receiving("acct", "message.created").subscribe(t -> seen.add(t.size()));
        answer(2);

        assertThat(reads).hasSize(3);
        assertThat(seen).containsExactly(1, 0);
    }

    @Test
    void noneIsKnownOnlyFromACompletedReadThatFoundNoHookOfThatType() {
        assertThat(subscriptions.noneKnownFor("acct", "message.created")).isFalse();
        subscriptions.receiving("acct", "message.created").subscribe();
        assertThat(subscriptions.noneKnownFor("acct", "message.created")).as("read under way").isFalse();

        answer(0, hook("a", "conversation.closed"));
        assertThat(subscriptions.noneKnownFor("acct", "message.created")).isTrue();
        assertThat(subscriptions.noneKnownFor("acct", "conversation.closed")).isFalse();
        assertThat(subscriptions.noneKnownFor("other", "message.created")).isFalse();

        subscriptions.forget("acct");
        assertThat(subscriptions.noneKnownFor("acct", "message.created")).isFalse();
    }

    @Test
    void noneIsNotKnownOnceTheReadIsOlderThanTheTtl() {
        MutableClock clock = new MutableClock();
        Subscriptions timed = subscriptions(clock);
        timed.receiving("acct", "message.created").subscribe();
        answer(0);
        assertThat(timed.noneKnownFor("acct", "message.created")).isTrue();

        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(timed.noneKnownFor("acct", "message.created")).isFalse();
    }

    private static final class MutableClock extends Clock {

        Instant now = Instant.parse("2026-11-24T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
