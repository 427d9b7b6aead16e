package dev.parley.agent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.routing.Availability;
import dev.parley.routing.Queues;
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
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A console's lease row deleted while its connection stays open on this node, as another node's
 * sweep does after this node lost the database for longer than the grace: the next renewal writes
 * it back, and routing counts the agent as available again without the console reconnecting.
 * The node's own heartbeat and sweep are slowed to an hour so that only the test renews.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = {"parley.agent.lease-grace=2h", "parley.agent.lease-renew-interval=1h",
        "parley.routing.sweep-interval=1h"})
class PresenceRenewalTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    ApplicationContext context;

    @Autowired
    Presence presence;

    @Autowired
    Queues queues;

    @Autowired
    Conversations conversations;

    @Autowired
    DatabaseClient db;

    Fixtures fixtures;
    Account account;
    Site site;
    Agent alice;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(context);
        account = fixtures.account("Acme");
        site = fixtures.site(account, "https://shop.example");
        alice = fixtures.agent(account, "Alice", Role.AGENT);
    }

    @Test
    void aClosedConnectionsDeletedLeaseStaysGone() {
        String connection = fixtures.online(alice);
        presence.disconnected(connection).block(WAIT);
        delete(connection);

        StepVerifier.create(presence.renewLocal()).expectComplete().verify(WAIT);

        assertThat(leases(connection)).isEmpty();
        assertThat(presence.live(alice.id()).block(WAIT)).isFalse();
    }

    @Test
    void aDeletedLeaseOfAnOpenConsoleComesBackOnTheNextRenewalAndTheAgentGetsChatsAgain() {
        String connection = fixtures.online(alice);
        delete(connection);
        assertThat(queues.availability(account.id(), site.id()).block(WAIT)).isEqualTo(new Availability(false, "no_agents"));
        Instant before = Instant.now();

        StepVerifier.create(presence.renewLocal()).expectComplete().verify(WAIT);

        assertThat(leases(connection)).singleElement().satisfies(lease -> {
            assertThat(lease.agentId()).isEqualTo(alice.id());
            assertThat(lease.accountId()).isEqualTo(account.id());
            assertThat(lease.expiresAt()).isAfter(before.plus(Duration.ofHours(1)));
        });
        assertThat(presence.live(alice.id()).block(WAIT)).isTrue();
        assertThat(presence.roster(account.id()).collectList().block(WAIT))
                .singleElement().satisfies(entry -> assertThat(entry.live()).isTrue());
        assertThat(queues.availability(account.id(), site.id()).block(WAIT)).isEqualTo(Availability.ONLINE);

        Conversation conversation = fixtures.conversation(site);
        await().atMost(WAIT).until(() -> conversations.find(conversation.id()).block(WAIT).status() == ConversationStatus.ASSIGNED);
        assertThat(conversations.find(conversation.id()).block(WAIT).assignedAgentId()).isEqualTo(alice.id());
    }

    @Test
    void renewalsRacingToRecreateTheSameLeasesWriteOneRowEachAndAllSucceed() {
        String connection = fixtures.online(alice);
        String other = fixtures.online(fixtures.agent(account, "Bob", Role.AGENT));
        delete(connection);
        delete(other);

        StepVerifier.create(Mono.when(presence.renewLocal(), presence.renewLocal(), presence.renewLocal()))
                .expectComplete().verify(WAIT);

        assertThat(leases(connection)).hasSize(1);
        assertThat(leases(other)).hasSize(1);
    }

    private record Lease(String agentId, String accountId, Instant expiresAt) {
    }

    private void delete(String connection) {
        assertThat(db.sql("DELETE FROM presence_leases WHERE connection_id = :id").bind("id", connection)
                .fetch().rowsUpdated().block(WAIT)).isOne();
    }

    private List<Lease> leases(String connection) {
        return db.sql("SELECT agent_id, account_id, expires_at FROM presence_leases WHERE connection_id = :id")
                .bind("id", connection)
                .map(row -> new Lease(row.get("agent_id", String.class), row.get("account_id", String.class),
                        Times.fromDb(row.get("expires_at", LocalDateTime.class))))
                .all().collectList().block(WAIT);
    }
}
