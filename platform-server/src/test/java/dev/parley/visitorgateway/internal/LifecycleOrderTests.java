package dev.parley.visitorgateway.internal;

import java.time.Instant;
import java.util.Map;

import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationClosed;
import dev.parley.conversation.ConversationReopened;
import dev.parley.conversation.ConversationStatus;
import dev.parley.routing.ConversationAssigned;
import dev.parley.routing.ConversationRequeued;
import dev.parley.routing.QueuePositionChanged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleOrderTests {

    private static final Instant CLOSED = Instant.parse("2026-11-23T08:10:00Z");
    // Reopened, then assigned by routing 800 microseconds later.
    private static final Instant REOPENED = Instant.parse("2026-11-23T08:20:00.000100Z");
    private static final Instant ASSIGNED = Instant.parse("2026-11-23T08:20:00.000900Z");

    @Test
    void aReopeningThatArrivesAfterTheAssignmentAnsweringItIsDropped() {
        LifecycleOrder order = new LifecycleOrder(closed());

        assertThat(order.accept(assigned(ASSIGNED))).isTrue();
        assertThat(order.accept(new ConversationReopened(queued(REOPENED), Author.SYSTEM))).isFalse();
    }

    @Test
    void eventsInOrderAreAllShown() {
        LifecycleOrder order = new LifecycleOrder(closed());

        assertThat(order.accept(new ConversationReopened(queued(REOPENED), Author.SYSTEM))).isTrue();
        assertThat(order.accept(assigned(ASSIGNED))).isTrue();
        assertThat(order.accept(new ConversationRequeued("acct", "conv", "agent", "agent_offline", ASSIGNED.plusSeconds(60)))).isTrue();
        assertThat(order.accept(assigned(ASSIGNED.plusSeconds(61)))).isTrue();
    }

    @Test
    void whatTheConversationShowedWhenFollowedCountsAsShown() {
        LifecycleOrder order = new LifecycleOrder(closed());

        assertThat(order.accept(assigned(CLOSED.minusSeconds(1)))).as("an assignment from before the close").isFalse();
        assertThat(order.accept(new ConversationClosed("acct", "site", "conv", "agent", Author.SYSTEM, CLOSED))).isTrue();
    }

    @Test
    void aCloseTimedBeforeARequeueRoutingCommittedMeanwhileIsShown() {
        LifecycleOrder order = new LifecycleOrder(closed());
        order.accept(new ConversationReopened(queued(REOPENED), Author.SYSTEM));
        order.accept(assigned(ASSIGNED));
        Instant requeued = ASSIGNED.plusSeconds(60);
        order.accept(new ConversationRequeued("acct", "conv", "agent", "agent_offline", requeued));

        assertThat(order.accept(new ConversationClosed("acct", "site", "conv", null, Author.SYSTEM, requeued.minusMillis(1)))).isTrue();
    }

    @Test
    void aCloseOlderThanAReopeningShownIsDropped() {
        LifecycleOrder order = new LifecycleOrder(closed());
        order.accept(new ConversationReopened(queued(REOPENED), Author.SYSTEM));

        assertThat(order.accept(new ConversationClosed("acct", "site", "conv", null, Author.SYSTEM, CLOSED))).isFalse();
    }

    @Test
    void eventsWithoutALifecycleTimeAlwaysPass() {
        LifecycleOrder order = new LifecycleOrder(closed());
        order.accept(assigned(ASSIGNED));

        assertThat(order.accept(new QueuePositionChanged("acct", "conv", 2, 60L))).isTrue();
    }

    private static ConversationAssigned assigned(Instant at) {
        return new ConversationAssigned("acct", "conv", "agent", "Alice", null, "routing", at);
    }

    private static Conversation closed() {
        return conversation(ConversationStatus.CLOSED, Instant.parse("2026-11-23T08:00:00Z"), CLOSED);
    }

    private static Conversation queued(Instant at) {
        return conversation(ConversationStatus.QUEUED, at, null);
    }

    private static Conversation conversation(ConversationStatus status, Instant queuedAt, Instant closedAt) {
        return new Conversation("conv", "acct", "site", "visitor", null, status, null, queuedAt, queuedAt, null, null, closedAt,
                queuedAt, 3, 0, 0, Map.of(), null, null);
    }
}
