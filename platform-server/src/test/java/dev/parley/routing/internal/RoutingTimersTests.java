package dev.parley.routing.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.parley.agent.Agent;
import dev.parley.agent.Presence;
import dev.parley.agent.Role;
import dev.parley.conversation.Audience;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.HistoryPage;
import dev.parley.conversation.Message;
import dev.parley.conversation.PostCommand;
import dev.parley.routing.QueueSettings;
import dev.parley.routing.Queues;
import dev.parley.routing.RoutingPolicy;
import dev.parley.shared.Times;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing's timeouts in virtual time: the sweep runs on a virtual scheduler and reads a clock that
 * follows it, so half a minute passes in milliseconds against the real database. The scheduler is
 * private to the sweep (StepVerifier.withVirtualTime would also move the connection pool's own
 * timeouts), and the node's own sweep is slowed to an hour so only the virtual one acts.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.routing.sweep-interval=1h")
class RoutingTimersTests {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration TICK = Duration.ofSeconds(2);
    /** The default lease grace. */
    static final Duration GRACE = Duration.ofSeconds(30);

    @Autowired
    ApplicationContext context;

    @Autowired
    Sweeper sweeper;

    @Autowired
    Conversations conversations;

    @Autowired
    Queues queues;

    Fixtures fixtures;
    Account account;
    Site site;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(context);
        account = fixtures.account("Acme");
        site = fixtures.site(account, "https://shop.example");
    }

    @Test
    void aLeaseThatRunsOutAfterTheGraceSendsTheAgentOfflineAndTheirChatsBack() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        String connection = fixtures.online(alice);
        Conversation conversation = assigned(alice);
        Supplier<Instant> clock = disconnected(connection);

        // The grace is 30 s: 14 sweeps two seconds apart leave her be, the 15th finds her gone.
        sweeps(clock, TICK, 14, report -> assertThat(report.offlineAgents()).doesNotContain(alice.id()))
                .then(advance(TICK))
                // Other tests' agents on this shared node may lapse at the same moment; alice must be among them.
                .assertNext(report -> assertThat(report.offlineAgents()).contains(alice.id()))
                .thenCancel()
                .verify(WAIT);

        assertThat(conversations.find(conversation.id()).block(WAIT).status()).isEqualTo(ConversationStatus.QUEUED);
        assertThat(lastEventType(conversation)).isEqualTo("requeued");
    }

    /**
     * While the database is away no node can renew a lease, so right after it returns every lease may
     * look lapsed though no console went anywhere. The sweep leaves lapsed leases alone for two
     * renewal intervals (20 s) after a failed sweep, so that live nodes renew first; a lease that
     * really lapsed is expired after that.
     */
    @Test
    void afterAFailedSweepLapsedLeasesWaitTwoRenewalsBeforeAnAgentIsSentOffline() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        String connection = fixtures.online(alice);
        Conversation conversation = assigned(alice);
        Supplier<Instant> clock = disconnected(connection);
        java.util.concurrent.atomic.AtomicBoolean databaseAway = new java.util.concurrent.atomic.AtomicBoolean();
        Supplier<Instant> failing = () -> {
            if (databaseAway.get()) {
                throw new org.springframework.dao.DataAccessResourceFailureException("the database is away");
            }
            return clock.get();
        };

        StepVerifier.Step<Sweeper.Report> step = StepVerifier.create(sweeper.ticks(TICK, time, failing)).expectSubscription();
        for (int i = 0; i < 14; i++) {
            step = step.then(advance(TICK)).assertNext(report -> assertThat(report.offlineAgents()).doesNotContain(alice.id()));
        }
        // Sweeps at 30 s and 32 s fail: her lease lapsed meanwhile.
        step = step.then(() -> databaseAway.set(true)).then(advance(TICK)).then(advance(TICK)).then(() -> databaseAway.set(false));
        // From 34 s, for 20 s, lapsed leases are left alone.
        for (int i = 0; i < 10; i++) {
            step = step.then(advance(TICK)).assertNext(report -> assertThat(report.offlineAgents()).doesNotContain(alice.id()));
        }
        step.then(advance(TICK))
                .assertNext(report -> assertThat(report.offlineAgents()).contains(alice.id()))
                .thenCancel()
                .verify(WAIT);

        assertThat(status(conversation)).isEqualTo(ConversationStatus.QUEUED);
    }

    @Test
    void aVisitorQueuedPastTheTimeoutIsOfferedTheOfflineFormAndTheConversationKept() {
        queues.updateSettings(account.id(), new QueueSettings(site.id(), RoutingPolicy.MANUAL, null, 3, Duration.ofSeconds(60),
                null, null, null, null)).block(WAIT);
        fixtures.keepAlive(fixtures.online(fixtures.agent(account, "Alice", Role.AGENT)));
        Conversation conversation = fixtures.conversation(site);
        await().atMost(WAIT).until(() -> status(conversation) == ConversationStatus.QUEUED);

        sweeps(Duration.ofSeconds(10), 5, report -> assertThat(report.timedOut()).doesNotContain(conversation.id()))
                .then(advance(Duration.ofSeconds(10)))
                .assertNext(report -> assertThat(report.timedOut()).containsExactly(conversation.id()))
                .thenCancel()
                .verify(WAIT);

        Conversation kept = conversations.find(conversation.id()).block(WAIT);
        assertThat(kept.status()).isEqualTo(ConversationStatus.PENDING);
        assertThat(kept.pendingReason()).isEqualTo("timeout");
    }

    @Test
    void anAssignmentLeftUnansweredGoesToTheNextAgentWhileAnAnsweredOneStays() {
        queues.updateSettings(account.id(), new QueueSettings(site.id(), RoutingPolicy.ROUND_ROBIN, null, 1, Duration.ofMinutes(5),
                Duration.ofSeconds(30), null, null, null)).block(WAIT);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Agent bob = fixtures.agent(account, "Bob", Role.AGENT);
        fixtures.keepAlive(fixtures.online(alice));
        Conversation silent = assigned(alice);
        fixtures.keepAlive(fixtures.online(bob));
        Conversation answered = assigned(bob);
        conversations.post(PostCommand.text(answered.id(), "hi", Author.agent(bob.id(), "Bob"), "Hello!")).block(WAIT);

        sweeps(Duration.ofSeconds(10), 2, report -> assertThat(report.unanswered()).isEmpty())
                .then(advance(Duration.ofSeconds(20)))
                .assertNext(report -> assertThat(report.unanswered()).containsExactly(silent.id()))
                .thenCancel()
                .verify(WAIT);

        assertThat(conversations.find(answered.id()).block(WAIT).assignedAgentId()).isEqualTo(bob.id());
        // Back in the queue; with bob full, alice is the only one who can take it, so it may come back to her.
        assertThat(eventTypes(silent)).startsWith("assigned", "requeued");
    }

    @Test
    void aChatSilentPastAutoCloseIsClosed() {
        queues.updateSettings(account.id(), new QueueSettings(site.id(), RoutingPolicy.ROUND_ROBIN, null, 3, Duration.ofMinutes(5),
                null, Duration.ofMinutes(10), null, null)).block(WAIT);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        fixtures.keepAlive(fixtures.online(alice));
        Conversation conversation = assigned(alice);

        sweeps(Duration.ofMinutes(1), 9, report -> assertThat(report.autoClosed()).isEmpty())
                .then(advance(Duration.ofMinutes(1).plusSeconds(5)))
                .assertNext(report -> assertThat(report.autoClosed()).containsExactly(conversation.id()))
                .thenCancel()
                .verify(WAIT);

        assertThat(status(conversation)).isEqualTo(ConversationStatus.CLOSED);
    }

    /**
     * The sweep on virtual time, advanced one interval at a time so that each sweep finishes before
     * the next tick: {@code count} sweeps, each checked by {@code check}.
     */
    StepVerifier.Step<Sweeper.Report> sweeps(Duration interval, int count, java.util.function.Consumer<Sweeper.Report> check) {
        return sweeps(virtualClock(Instant.now()), interval, count, check);
    }

    StepVerifier.Step<Sweeper.Report> sweeps(Supplier<Instant> clock, Duration interval, int count,
            java.util.function.Consumer<Sweeper.Report> check) {
        StepVerifier.Step<Sweeper.Report> step = StepVerifier.create(sweeper.ticks(interval, time, clock)).expectSubscription();
        for (int i = 0; i < count; i++) {
            step = step.then(() -> time.advanceTimeBy(interval)).assertNext(check);
        }
        return step;
    }

    /** Advances the sweep's virtual time by {@code by}. */
    Runnable advance(Duration by) {
        return () -> time.advanceTimeBy(by);
    }

    final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    /** Virtual time since this call, on top of {@code start}. */
    Supplier<Instant> virtualClock(Instant start) {
        long offset = time.now(TimeUnit.MILLISECONDS);
        return () -> start.plusMillis(time.now(TimeUnit.MILLISECONDS) - offset);
    }

    /**
     * Closes the console connection and returns a virtual clock that starts at the node's own instant
     * of the close (the lease's stored expiry less the grace). The node stamps the expiry from its
     * real clock and the sweeps read the virtual one: started from the stored value, sweep n runs
     * exactly n intervals after the close however slow the machine is. That the stored expiry lies
     * one grace after the call is checked here.
     */
    Supplier<Instant> disconnected(String connection) {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        context.getBean(Presence.class).disconnected(connection).block(WAIT);
        Instant after = Instant.now();
        Instant expiry = context.getBean(DatabaseClient.class).sql("SELECT expires_at FROM presence_leases WHERE connection_id = :id")
                .bind("id", connection)
                .map(row -> Times.fromDb(row.get("expires_at", LocalDateTime.class)))
                .one()
                .block(WAIT);
        assertThat(expiry).isBetween(before.plus(GRACE), after.plus(GRACE));
        return virtualClock(expiry.minus(GRACE));
    }

    Conversation assigned(Agent agent) {
        Conversation conversation = fixtures.conversation(site);
        await().atMost(WAIT).until(() -> agent.id().equals(conversations.find(conversation.id()).block(WAIT).assignedAgentId()));
        return conversations.find(conversation.id()).block(WAIT);
    }

    ConversationStatus status(Conversation conversation) {
        return conversations.find(conversation.id()).block(WAIT).status();
    }

    java.util.List<String> eventTypes(Conversation conversation) {
        return conversations.history(conversation.id(), null, 20, Audience.AGENT)
                .flatMapIterable(HistoryPage::messages).map(m -> m.meta().get("type")).collectList().block(WAIT);
    }

    String lastEventType(Conversation conversation) {
        java.util.List<Message> history = conversations.history(conversation.id(), null, 20, Audience.AGENT)
                .flatMapIterable(HistoryPage::messages).collectList().block(WAIT);
        return history.get(history.size() - 1).meta().get("type");
    }
}
