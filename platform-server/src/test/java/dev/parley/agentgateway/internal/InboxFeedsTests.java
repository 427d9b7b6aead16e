package dev.parley.agentgateway.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import dev.parley.agent.Role;
import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.SlowSubscriberException;
import dev.parley.clusterbus.Topic;
import dev.parley.clusterbus.internal.InProcessClusterBus;
import dev.parley.security.AgentPrincipal;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** One subscription and one decision per account event on a node, and a buffer per console that counts only what it is sent. */
class InboxFeedsTests {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int CONSOLE_BUFFER = 16;

    private final InProcessClusterBus bus = new InProcessClusterBus(event -> { });
    private final AtomicInteger decisions = new AtomicInteger();
    private final Map<String, Sinks.One<Predicate<AgentPrincipal>>> held = new ConcurrentHashMap<>();
    private final InboxFeeds feeds = new InboxFeeds(bus, this::decide, CONSOLE_BUFFER, 1_000);

    private final AgentPrincipal alice = agent("alice", "acme");
    private final AgentPrincipal bob = agent("bob", "acme");

    @Test
    void aConsoleGetsOnlyWhatItsAgentMaySeeAndEachEventIsDecidedOnce() {
        StepVerifier.create(feeds.follow(alice))
                .expectNextMatches(BusReady.class::isInstance)
                .then(() -> StepVerifier.create(feeds.follow(bob)).expectNextMatches(BusReady.class::isInstance).thenCancel().verify(WAIT))
                .then(() -> bus.deliver(new Said("acme", "bob", "for bob")))
                .then(() -> bus.deliver(new Said("acme", "alice", "for alice")))
                .then(() -> bus.deliver(new Said("globex", "alice", "another account's")))
                .expectNext(new Said("acme", "alice", "for alice"))
                .thenCancel()
                .verify(WAIT);
        assertThat(decisions).hasValue(2);
    }

    @Test
    void consolesOfOneAccountShareOneSubscriptionUntilTheLastLeaves() {
        var first = feeds.follow(alice).subscribe();
        var second = feeds.follow(bob).subscribe();
        assertThat(bus.topicCount()).isEqualTo(1);
        assertThat(feeds.accounts()).isEqualTo(1);

        first.dispose();
        assertThat(bus.topicCount()).isEqualTo(1);
        second.dispose();
        assertThat(bus.topicCount()).isZero();
        assertThat(feeds.accounts()).isZero();
    }

    @Test
    void eventsSentToOthersDoNotCountAgainstAConsolesBuffer() {
        StepVerifier.create(feeds.follow(alice), 1)
                .expectNextMatches(BusReady.class::isInstance)
                .then(() -> {
                    for (int i = 0; i < CONSOLE_BUFFER * 10; i++) {
                        bus.deliver(new Said("acme", "bob", "busy " + i));
                    }
                    bus.deliver(new Said("acme", "alice", "hello"));
                })
                .thenRequest(1)
                .expectNext(new Said("acme", "alice", "hello"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aConsoleThatStopsReadingEndsAloneWhileTheOthersGoOn() {
        StepVerifier.create(feeds.follow(alice), 1)
                .expectNextMatches(BusReady.class::isInstance)
                .then(() -> StepVerifier.create(feeds.follow(bob))
                        .expectNextMatches(BusReady.class::isInstance)
                        .then(() -> {
                            for (int i = 0; i <= CONSOLE_BUFFER; i++) {
                                bus.deliver(new Said("acme", "*", "to all " + i));
                            }
                            bus.deliver(new Said("acme", "bob", "still here"));
                        })
                        .expectNextCount(CONSOLE_BUFFER + 1)
                        .expectNext(new Said("acme", "bob", "still here"))
                        .thenCancel()
                        .verify(WAIT))
                .expectError(SlowSubscriberException.class)
                .verify(WAIT);
    }

    @Test
    void eventsArriveInTheBusOrderWhateverOrderTheirDecisionsFinishIn() {
        StepVerifier.create(feeds.follow(alice))
                .expectNextMatches(BusReady.class::isInstance)
                .then(() -> bus.deliver(new Said("acme", "hold", "first")))
                .then(() -> bus.deliver(new Said("acme", "alice", "second")))
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> held.get("first").tryEmitValue(agent -> true))
                .expectNext(new Said("acme", "hold", "first"), new Said("acme", "alice", "second"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void atMostSoManyDecisionsWaitAtOnceAndTheEventsBehindThemKeepTheirOrder() {
        int waiting = InboxFeeds.CONCURRENT_DECISIONS;
        StepVerifier.create(feeds.follow(alice))
                .expectNextMatches(BusReady.class::isInstance)
                .then(() -> {
                    for (int i = 0; i < waiting; i++) {
                        bus.deliver(new Said("acme", "hold", "held " + i));
                    }
                    bus.deliver(new Said("acme", "alice", "decided at once"));
                })
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> assertThat(decisions).hasValue(waiting))
                .then(() -> {
                    for (int i = waiting - 1; i >= 0; i--) {
                        held.get("held " + i).tryEmitValue(agent -> true);
                    }
                })
                .expectNextSequence(IntStream.range(0, waiting).mapToObj(i -> (ClusterEvent) new Said("acme", "hold", "held " + i)).toList())
                .expectNext(new Said("acme", "alice", "decided at once"))
                .thenCancel()
                .verify(WAIT);
        assertThat(decisions).hasValue(waiting + 1);
    }

    @Test
    void aDecisionWithNoAnswerMeansNobody() {
        StepVerifier.create(feeds.follow(alice))
                .expectNextMatches(BusReady.class::isInstance)
                .then(() -> bus.deliver(new Said("acme", "none", "nobody's")))
                .then(() -> bus.deliver(new Said("acme", "hold", "nobody's either")))
                .then(() -> bus.deliver(new Said("acme", "alice", "after")))
                .then(() -> held.get("nobody's either").tryEmitEmpty())
                .expectNext(new Said("acme", "alice", "after"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aDecisionFailingLaterEndsTheFeedWithNothingDeliveredPastIt() {
        StepVerifier.create(feeds.follow(alice))
                .expectNextMatches(BusReady.class::isInstance)
                .then(() -> bus.deliver(new Said("acme", "hold", "read under way")))
                .then(() -> bus.deliver(new Said("acme", "alice", "behind the failed one")))
                .then(() -> held.get("read under way").tryEmitError(new IllegalStateException("database down")))
                .expectErrorMessage("database down")
                .verify(WAIT);
        assertThat(feeds.accounts()).isZero();
    }

    @Test
    void aFailedDecisionEndsTheAccountsConsolesAndTheNextConsoleStartsAfresh() {
        StepVerifier.create(feeds.follow(alice))
                .expectNextMatches(BusReady.class::isInstance)
                .then(() -> bus.deliver(new Said("acme", "fail", "database down")))
                .expectErrorMessage("database down")
                .verify(WAIT);
        assertThat(feeds.accounts()).isZero();

        StepVerifier.create(feeds.follow(bob))
                .expectNextMatches(BusReady.class::isInstance)
                .then(() -> bus.deliver(new Said("acme", "bob", "back")))
                .expectNext(new Said("acme", "bob", "back"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aConsoleJoiningALiveFeedStartsWithReadyAndMissesNothingAfter() {
        var first = feeds.follow(alice).subscribe();
        bus.deliver(new Said("acme", "bob", "before bob joined"));
        StepVerifier.create(feeds.follow(bob))
                .expectNextMatches(BusReady.class::isInstance)
                .then(() -> bus.deliver(new Said("acme", "bob", "after")))
                .expectNext(new Said("acme", "bob", "after"))
                .thenCancel()
                .verify(WAIT);
        first.dispose();
    }

    private Mono<Predicate<AgentPrincipal>> decide(ClusterEvent event) {
        if (!(event instanceof Said said)) {
            return Mono.just(agent -> true);
        }
        decisions.incrementAndGet();
        return switch (said.to()) {
            case "*" -> Mono.just(agent -> true);
            case "fail" -> Mono.error(new IllegalStateException(said.text()));
            case "none" -> Mono.empty();
            case "hold" -> held.computeIfAbsent(said.text(), text -> Sinks.one()).asMono();
            default -> Mono.just(agent -> agent.agentId().equals(said.to()));
        };
    }

    private static AgentPrincipal agent(String id, String accountId) {
        return new AgentPrincipal(id, accountId, Role.AGENT, id + "@example.test", id, "session-" + id, Instant.now().plusSeconds(600));
    }

    record Said(String accountId, String to, String text) implements ClusterEvent {

        @Override
        public List<Topic> topics() {
            return List.of(Topic.account(accountId));
        }
    }
}
