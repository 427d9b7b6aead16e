package dev.parley.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.AgentStatus;
import dev.parley.agent.Presence;
import dev.parley.agent.Role;
import dev.parley.conversation.Audience;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.HistoryPage;
import dev.parley.conversation.Message;
import dev.parley.conversation.MessageKind;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Routing on a real database: who gets what, in which order, and never beyond capacity. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.routing.sweep-interval=1h")
class AssignmentTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    ApplicationContext context;

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
    void aNewConversationGoesToTheAvailableAgentAndTheTranscriptSaysSo() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        fixtures.online(alice);
        Conversation conversation = fixtures.conversation(site);

        Conversation assigned = awaitStatus(conversation.id(), ConversationStatus.ASSIGNED);
        assertThat(assigned.assignedAgentId()).isEqualTo(alice.id());
        List<Message> transcript = conversations.history(conversation.id(), null, 10, Audience.VISITOR)
                .flatMapIterable(HistoryPage::messages).collectList().block(WAIT);
        assertThat(transcript).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MessageKind.EVENT);
            assertThat(m.body()).isEqualTo("Alice joined the conversation");
            assertThat(m.meta()).containsEntry("type", "assigned").containsEntry("agentId", alice.id());
        });
    }

    @Test
    void withNobodyAvailableAConversationIsKeptForFollowUp() {
        Conversation conversation = fixtures.conversation(site);
        Conversation pending = awaitStatus(conversation.id(), ConversationStatus.PENDING);
        assertThat(pending.pendingReason()).isEqualTo("no_agents");
        assertThat(queues.availability(account.id(), site.id()).block(WAIT)).isEqualTo(new Availability(false, "no_agents"));
    }

    @Test
    void theOldestWaitingIsServedFirstAndNobodyExceedsCapacity() {
        queues.updateSettings(account.id(), settings(RoutingPolicy.ROUND_ROBIN, 2)).block(WAIT);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        fixtures.online(alice);
        List<Conversation> opened = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(fixtures.conversation(site));
        }
        await().atMost(WAIT).until(() -> statuses(opened).stream().filter(s -> s == ConversationStatus.ASSIGNED).count() == 2);
        assertThat(statuses(opened)).containsExactly(ConversationStatus.ASSIGNED, ConversationStatus.ASSIGNED,
                ConversationStatus.QUEUED, ConversationStatus.QUEUED, ConversationStatus.QUEUED);

        conversations.close(opened.get(1).id(), Author.agent(alice.id(), "Alice")).block(WAIT);
        awaitStatus(opened.get(2).id(), ConversationStatus.ASSIGNED);
        assertThat(statuses(opened)).containsExactly(ConversationStatus.ASSIGNED, ConversationStatus.CLOSED,
                ConversationStatus.ASSIGNED, ConversationStatus.QUEUED, ConversationStatus.QUEUED);
    }

    @Test
    void goingOfflinePutsTheChatsBackAtTheirPlaceForTheNextAgent() {
        queues.updateSettings(account.id(), settings(RoutingPolicy.ROUND_ROBIN, 1)).block(WAIT);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Agent bob = fixtures.agent(account, "Bob", Role.AGENT);
        fixtures.online(alice);
        Conversation first = fixtures.conversation(site);
        awaitStatus(first.id(), ConversationStatus.ASSIGNED);
        Conversation second = fixtures.conversation(site);
        assertThat(awaitStatus(second.id(), ConversationStatus.QUEUED).queuedAt()).isAfter(first.queuedAt());

        context.getBean(Presence.class).setStatus(account.id(), alice.id(), AgentStatus.OFFLINE).block(WAIT);
        awaitStatus(first.id(), ConversationStatus.QUEUED);
        fixtures.online(bob);
        // The older conversation keeps its place: it reaches bob first.
        assertThat(awaitStatus(first.id(), ConversationStatus.ASSIGNED).assignedAgentId()).isEqualTo(bob.id());
        assertThat(conversations.find(second.id()).block(WAIT).status()).isEqualTo(ConversationStatus.QUEUED);
        assertThat(conversations.history(first.id(), null, 10, Audience.AGENT)
                .flatMapIterable(HistoryPage::messages).map(Message::meta).collectList().block(WAIT))
                .extracting(meta -> meta.get("type")).containsExactly("assigned", "requeued", "assigned");
    }

    @Test
    void underManualRoutingAgentsClaimWithinCapacityAndSupervisorsAssign() {
        queues.updateSettings(account.id(), settings(RoutingPolicy.MANUAL, 1)).block(WAIT);
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Agent bob = fixtures.agent(account, "Bob", Role.AGENT);
        fixtures.online(alice);
        fixtures.online(bob);
        Conversation first = fixtures.conversation(site);
        Conversation second = fixtures.conversation(site);
        Conversation third = fixtures.conversation(site);
        awaitStatus(third.id(), ConversationStatus.QUEUED);
        sleep(300);
        assertThat(statuses(List.of(first, second, third))).containsOnly(ConversationStatus.QUEUED);

        assertThat(queues.claim(account.id(), alice.id(), second.id()).block(WAIT).assignedAgentId()).isEqualTo(alice.id());
        assertThatThrownBy(() -> queues.claim(account.id(), alice.id(), first.id()).block(WAIT))
                .isInstanceOf(RoutingException.class).hasMessageContaining("1 of 1");
        assertThat(queues.assign(account.id(), first.id(), bob.id()).block(WAIT).assignedAgentId()).isEqualTo(bob.id());
        assertThatThrownBy(() -> queues.transferToAgent(account.id(), second.id(), bob.id()).block(WAIT))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.code()).isEqualTo("agent_at_capacity"));
        conversations.close(first.id(), Author.agent(bob.id(), "Bob")).block(WAIT);
        Conversation moved = queues.transferToAgent(account.id(), second.id(), bob.id()).block(WAIT);
        assertThat(moved.assignedAgentId()).isEqualTo(bob.id());
        assertThat(conversations.history(second.id(), null, 10, Audience.VISITOR)
                .flatMapIterable(HistoryPage::messages).map(Message::body).collectList().block(WAIT))
                .containsExactly("Alice joined the conversation", "Transferred from Alice to Bob");
    }

    @Test
    void anotherAccountsConversationsAgentsAndSitesAreNotFound() {
        Account other = fixtures.account("Other");
        Site otherSite = fixtures.site(other, "https://other.example");
        Agent stranger = fixtures.agent(other, "Eve", Role.ADMIN);
        fixtures.online(stranger);
        Conversation mine = fixtures.conversation(site);
        awaitStatus(mine.id(), ConversationStatus.PENDING);
        assertThatThrownBy(() -> queues.claim(other.id(), stranger.id(), mine.id()).block(WAIT))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
        assertThatThrownBy(() -> queues.settings(account.id(), otherSite.id()).block(WAIT))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
        assertThatThrownBy(() -> queues.assign(account.id(), mine.id(), stranger.id()).block(WAIT))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
    }

    QueueSettings settings(RoutingPolicy policy, int max) {
        return new QueueSettings(site.id(), policy, null, max, Duration.ofMinutes(5), null, null, null, null);
    }

    Conversation awaitStatus(String id, ConversationStatus status) {
        await().atMost(WAIT).until(() -> conversations.find(id).block(WAIT).status() == status);
        return conversations.find(id).block(WAIT);
    }

    List<ConversationStatus> statuses(List<Conversation> list) {
        return list.stream().map(c -> conversations.find(c.id()).block(WAIT).status()).toList();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
