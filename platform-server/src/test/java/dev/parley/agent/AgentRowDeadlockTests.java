package dev.parley.agent;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.parley.site.Account;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.TestBackend;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A change of an agent's row while a routing pass holds the row the way it does: a shared lock (the
 * foreign key of a chat it gives them), then an update of the row. InnoDB resolves that as a
 * deadlock against the change, the smaller transaction; the change must still land.
 */
@ParleyIntegrationTest
class AgentRowDeadlockTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    ApplicationContext context;

    @Autowired
    DatabaseClient db;

    @Autowired
    Agents agents;

    Fixtures fixtures;
    Account account;
    Agent alice;

    @BeforeEach
    void setUp() {
        assumeThat(TestBackend.mariaDbConfigured() || TestBackend.servicesRequired()).as("InnoDB's deadlocks need MariaDB").isTrue();
        fixtures = new Fixtures(context);
        account = fixtures.account("Acme");
        alice = fixtures.agent(account, "Alice", Role.AGENT);
    }

    @Test
    void anAdminsChangeThatMeetsARoutingPassIsRetriedNotLost() throws Exception {
        Agent changed = duringARoutingPass(agents.update(account.id(), alice.id(), new AgentChanges("Alice Cooper", null, true, 3)));

        assertThat(changed.displayName()).isEqualTo("Alice Cooper");
        assertThat(changed.capacityOverride()).isEqualTo(3);
    }

    @Test
    void aDeactivationThatMeetsARoutingPassIsRetriedNotLost() throws Exception {
        assertThat(duringARoutingPass(agents.setActive(account.id(), alice.id(), false)).active()).isFalse();
    }

    @Test
    void aStatusChangeThatMeetsARoutingPassIsRetriedNotLost() throws Exception {
        Presence presence = context.getBean(Presence.class);

        assertThat(duringARoutingPass(presence.setStatus(account.id(), alice.id(), AgentStatus.AWAY))).isEqualTo(AgentStatus.AWAY);
        assertThat(presence.roster(account.id()).filter(entry -> entry.agentId().equals(alice.id())).next().block(WAIT).status())
                .isEqualTo(AgentStatus.AWAY);
    }

    /**
     * Runs {@code change} of Alice's row while a transaction holds the row as a routing pass does,
     * then makes that transaction update the row: InnoDB must pick {@code change} as the victim.
     */
    private <T> T duringARoutingPass(Mono<T> change) throws Exception {
        List<String> others = List.of(fixtures.agent(account, "Bob", Role.AGENT).id(), fixtures.agent(account, "Cy", Role.AGENT).id(),
                fixtures.agent(account, "Di", Role.AGENT).id());
        long deadlocksBefore = deadlocks();
        long waitingBefore = waitingUpdates();
        Connection pass = Mono.from(db.getConnectionFactory().create()).block(WAIT);
        try {
            Mono.from(pass.beginTransaction()).block(WAIT);
            // Rows this pass changed first make it the larger transaction, so InnoDB rolls back the other one.
            for (String other : others) {
                update(pass.createStatement("UPDATE agents SET last_assigned_at = ? WHERE id = ?").bind(0, LocalDateTime.now()).bind(1, other));
            }
            select(pass.createStatement("SELECT id FROM agents WHERE id = ? LOCK IN SHARE MODE").bind(0, alice.id()));

            CompletableFuture<T> changing = change.toFuture();
            await().atMost(WAIT).until(() -> waitingUpdates() > waitingBefore);
            update(pass.createStatement("UPDATE agents SET last_assigned_at = ? WHERE id = ?").bind(0, LocalDateTime.now()).bind(1, alice.id()));
            Mono.from(pass.commitTransaction()).block(WAIT);

            T changed = changing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(deadlocks()).as("the change was a deadlock victim").isGreaterThan(deadlocksBefore);
            return changed;
        }
        finally {
            Mono.from(pass.close()).block(WAIT);
        }
    }

    private static void update(Statement statement) {
        Flux.from(statement.execute()).flatMap(result -> result.getRowsUpdated()).then().block(WAIT);
    }

    private static void select(Statement statement) {
        Flux.from(statement.execute()).flatMap(result -> result.map((row, meta) -> 1)).then().block(WAIT);
    }

    private long waitingUpdates() {
        return db.sql("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE agents SET %'"
                        + " AND INFO NOT LIKE '%last_assigned_at%'")
                .map(row -> row.get("n", Number.class).longValue()).one().block(WAIT);
    }

    private long deadlocks() {
        return db.sql("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'").map(row -> Long.parseLong(row.get(1, String.class))).one().block(WAIT);
    }
}
