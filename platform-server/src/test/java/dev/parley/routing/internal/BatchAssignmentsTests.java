package dev.parley.routing.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.shared.Times;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A batch of matches written in a few statements, on the real database, including one that lost its race. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.routing.sweep-interval=1h")
class BatchAssignmentsTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    ApplicationContext context;

    @Autowired
    DatabaseClient db;

    @Autowired
    Conversations conversations;

    @Test
    void eachStillQueuedConversationGoesToItsAgentAndOneClosedMeanwhileIsLeftAlone() {
        Fixtures fixtures = new Fixtures(context);
        Account account = fixtures.account("Acme");
        Site site = fixtures.site(account, "https://shop.example");
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Agent bob = fixtures.agent(account, "Bob", Role.AGENT);
        List<Conversation> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(fixtures.conversation(site));
        }
        // Nobody is online, so routing parks them (asynchronously, after each open); once it has, put
        // them back in the queue as the assigner would find them.
        await().atMost(WAIT).until(() -> parked(account) == opened.size());
        db.sql("UPDATE conversations SET status = 'QUEUED', pending_reason = NULL WHERE account_id = :account")
                .bind("account", account.id()).then().block(WAIT);
        conversations.close(opened.get(4).id(), Author.SYSTEM).block(WAIT);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Pairing.Match> matches = new ArrayList<>();
        for (int i = 0; i < opened.size(); i++) {
            Agent agent = i % 2 == 0 ? alice : bob;
            Conversation c = opened.get(i);
            matches.add(new Pairing.Match(new Waiting(c.id(), c.siteId(), null, now, null),
                    new Candidate(agent.id(), agent.displayName(), null, null, Set.of()), now.plusNanos(1_000L * i)));
        }

        List<Pairing.Match> taken = new BatchAssignments(db).write(matches).block(WAIT);

        assertThat(taken).extracting(m -> m.conversation().id())
                .containsExactly(opened.get(0).id(), opened.get(1).id(), opened.get(2).id(), opened.get(3).id());
        for (int i : new int[] {0, 1, 2, 3}) {
            Conversation c = conversations.find(opened.get(i).id()).block(WAIT);
            assertThat(c.status()).isEqualTo(ConversationStatus.ASSIGNED);
            assertThat(c.assignedAgentId()).isEqualTo(i % 2 == 0 ? alice.id() : bob.id());
            assertThat(c.assignedAt()).isEqualTo(now.plusNanos(1_000L * i));
        }
        assertThat(conversations.find(opened.get(4).id()).block(WAIT).status()).isEqualTo(ConversationStatus.CLOSED);
        // The closed one was Alice's latest match: her last assignment is the latest that took effect.
        assertThat(lastAssigned(alice)).isEqualTo(now.plusNanos(2_000));
        assertThat(lastAssigned(bob)).isEqualTo(now.plusNanos(3_000));
    }

    @Test
    void anEmptyBatchWritesNothing() {
        assertThat(new BatchAssignments(db).write(List.of()).block(WAIT)).isEmpty();
    }

    private int parked(Account account) {
        return db.sql("SELECT COUNT(*) AS n FROM conversations WHERE account_id = :account AND status = 'PENDING'")
                .bind("account", account.id()).map(row -> row.get("n", Number.class).intValue()).one().block(WAIT);
    }

    private Instant lastAssigned(Agent agent) {
        return db.sql("SELECT last_assigned_at FROM agents WHERE id = :id").bind("id", agent.id())
                .map(row -> Times.fromDb(row.get("last_assigned_at", LocalDateTime.class))).one().block(WAIT);
    }
}
