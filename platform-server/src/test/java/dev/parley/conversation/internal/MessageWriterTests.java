package dev.parley.conversation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;
import dev.parley.conversation.Author;
import dev.parley.conversation.ConversationException;
import dev.parley.conversation.Message;
import dev.parley.conversation.PostCommand;
import dev.parley.conversation.Posted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer over a committer that commits only when the test says so. */
class MessageWriterTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final HeldCommits commits = new HeldCommits();

    @Test
    void aPostBeyondTheWaitingLimitIsRefusedAsOverloaded() {
        MessageWriter writer = new MessageWriter(commits, new SilentBus(), new SimpleMeterRegistry(), 1, 1, 1, 1);
        writer.submit(post("a", "1")).subscribe();
        writer.submit(post("b", "1")).subscribe();

        StepVerifier.create(writer.submit(post("c", "1")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ConversationException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(ConversationException.Reason.OVERLOADED)))
                .verify(WAIT);
        assertThat(commits.batches()).containsExactly(List.of("a:1"));
    }

    @Test
    void aConversationsNextPostCommitsOnlyAfterItsPreviousBatchAnsweredWhileOthersPassIt() {
        MessageWriter writer = new MessageWriter(commits, new SilentBus(), new SimpleMeterRegistry(), 2, 10, 100, 1);
        List<Long> seqs = new CopyOnWriteArrayList<>();
        writer.submit(post("a", "1")).subscribe(p -> seqs.add(p.message().seq()));
        writer.submit(post("a", "2")).subscribe(p -> seqs.add(p.message().seq()));
        writer.submit(post("b", "1")).subscribe();
        assertThat(commits.batches()).containsExactly(List.of("a:1"), List.of("b:1"));

        commits.commit(0);

        assertThat(seqs).containsExactly(1L);
        assertThat(commits.batches()).containsExactly(List.of("a:1"), List.of("b:1"), List.of("a:2"));
        commits.commit(2);
        assertThat(seqs).containsExactly(1L, 2L);
    }

    @Test
    void aSteadyTrickleCommitsOneBatchAtATime() {
        MessageWriter writer = new MessageWriter(commits, new SilentBus(), new SimpleMeterRegistry(), 2, 10, 100, 3);
        writer.submit(post("a", "1")).subscribe();
        writer.submit(post("b", "1")).subscribe();
        writer.submit(post("c", "1")).subscribe();
        assertThat(commits.batches()).as("two waiting, below the backlog").containsExactly(List.of("a:1"));

        commits.commit(0);

        assertThat(commits.batches()).containsExactly(List.of("a:1"), List.of("b:1", "c:1"));
    }

    @Test
    void eachPostsWaitAndEachBatchsCommitAreTimedFromTheMetersClock() {
        MockClock clock = new MockClock();
        MeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        MessageWriter writer = new MessageWriter(commits, new SilentBus(), meters, 1, 10, 100, 1);
        writer.submit(post("a", "1")).subscribe();
        clock.add(Duration.ofMillis(2));
        writer.submit(post("b", "1")).subscribe();
        clock.add(Duration.ofMillis(5));
        commits.commit(0);
        clock.add(Duration.ofMillis(3));
        commits.commit(1);

        Timer waited = meters.get("parley.messages.waited").timer();
        assertThat(waited.count()).isEqualTo(2);
        assertThat(waited.totalTime(TimeUnit.MILLISECONDS)).as("a: 0 ms, b: 5 ms behind a's commit").isEqualTo(5);
        Timer stored = meters.get("parley.messages.commit").tag("outcome", "stored").timer();
        assertThat(stored.count()).isEqualTo(2);
        assertThat(stored.totalTime(TimeUnit.MILLISECONDS)).as("a: 7 ms, b: 3 ms").isEqualTo(10);
        assertThat(meters.get("parley.messages.commit").tag("outcome", "failed").timer().count()).isZero();
    }

    @Test
    void aBatchThatFailedIsTimedApartAndItsPostsFailAsUnavailable() {
        MockClock clock = new MockClock();
        MeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        MessageWriter writer = new MessageWriter(commits, new SilentBus(), meters, 1, 10, 100, 1);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        writer.submit(post("a", "1")).subscribe(null, errors::add);
        clock.add(Duration.ofMillis(4));
        commits.fail(0);

        assertThat(errors).singleElement().isInstanceOfSatisfying(ConversationException.class,
                e -> assertThat(e.reason()).isEqualTo(ConversationException.Reason.UNAVAILABLE));
        Timer failed = meters.get("parley.messages.commit").tag("outcome", "failed").timer();
        assertThat(failed.count()).isEqualTo(1);
        assertThat(failed.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4);
        assertThat(meters.get("parley.messages.commit").tag("outcome", "stored").timer().count()).isZero();
    }

    private static PostCommand post(String conversation, String clientId) {
        return PostCommand.text(conversation, clientId, Author.visitor("v-" + conversation, null), "hello " + clientId);
    }

    /** Each commit waits for {@link #commit}; then every post is stored with the next seq of its conversation. */
    private static final class HeldCommits implements MessageWriter.Committer {

        private final List<List<PostCommand>> calls = new CopyOnWriteArrayList<>();
        private final List<Sinks.One<List<Outcome>>> answers = new CopyOnWriteArrayList<>();
        private final Map<String, Long> lastSeq = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Mono<List<Outcome>> commit(List<PostCommand> commands) {
            Sinks.One<List<Outcome>> answer = Sinks.one();
            calls.add(commands);
            answers.add(answer);
            return answer.asMono();
        }

        void commit(int call) {
            List<Outcome> outcomes = new ArrayList<>();
            for (PostCommand c : calls.get(call)) {
                long seq = lastSeq.merge(c.conversationId(), 1L, Long::sum);
                outcomes.add(new Outcome.Stored(c, "acct", new Message(c.conversationId(), seq, c.clientMsgId(), c.author(),
                        c.kind(), c.body(), c.meta(), Instant.EPOCH)));
            }
            answers.get(call).tryEmitValue(outcomes).orThrow();
        }

        /** Answers the call with an error that is not retried. */
        void fail(int call) {
            answers.get(call).tryEmitError(new IllegalStateException("the database is down")).orThrow();
        }

        List<List<String>> batches() {
            return calls.stream().map(batch -> batch.stream().map(c -> c.conversationId() + ":" + c.clientMsgId()).toList()).toList();
        }
    }

    private static final class SilentBus implements ClusterBus {

        @Override
        public Mono<Void> publish(ClusterEvent event) {
            return Mono.empty();
        }

        @Override
        public Flux<ClusterEvent> subscribe(Topic topic, int buffer) {
            return Flux.never();
        }
    }
}
