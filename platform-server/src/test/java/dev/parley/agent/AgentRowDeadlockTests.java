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
 * An admin changes an agent while a routing pass holds the agent's row the way it does: a shared
 * lock (the foreign key of a chat it gives them), then an update of the row. InnoDB resolves that
 * as a deadlock against the admin's update, the smaller transaction; the change must still land.
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

    @Test
    void anAdminsChangeThatMeetsARoutingPassIsRetriedNotLost() throws Exception {
        assumeThat(TestBackend.mariaDbConfigured() || TestBackend.servicesRequired()).as("InnoDB's deadlocks need MariaDB").isTrue();
        Fixtures fixtures = new Fixtures(context);
        Account account = fixtures.account("Acme");
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        List<String> others = List.of(fixtures.agent(account, "Bob", Role.AGENT).id(), fixtures.agent(account, "Cy", Role.AGENT).id(),
                fixtures.agent(account, "Di", Role.AGENT).id());
        long deadlocksBefore = deadlocks();
        Connection pass = Mono.from(db.getConnectionFactory().create()).block(WAIT);
        try {
            Mono.from(pass.beginTransaction()).block(WAIT);
            // Rows this pass changed first make it the larger transaction, so InnoDB rolls back the admin's.
            for (String other : others) {
                update(pass.createStatement("UPDATE agents SET last_assigned_at = ? WHERE id = ?").bind(0, LocalDateTime.now()).bind(1, other));
            }
            select(pass.createStatement("SELECT id FROM agents WHERE id = ? LOCK IN SHARE MODE").bind(0, alice.id()));

            CompletableFuture<Agent> change = agents.update(account.id(), alice.id(), new AgentChanges("Alice Cooper", null, true, 3))
                    .toFuture();
            await().atMost(WAIT).until(() -> waitingUpdates() > 0);
            update(pass.createStatement("UPDATE agents SET last_assigned_at = ? WHERE id = ?").bind(0, LocalDateTime.now()).bind(1, alice.id()));
            Mono.from(pass.commitTransaction()).block(WAIT);

            Agent changed = change.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(changed.displayName()).isEqualTo("Alice Cooper");
            assertThat(changed.capacityOverride()).isEqualTo(3);
            assertThat(deadlocks()).as("the admin's update was a deadlock victim").isGreaterThan(deadlocksBefore);
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
        return db.sql("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE agents SET display_name%'")
                .map(row -> row.get("n", Number.class).longValue()).one().block(WAIT);
    }

    private long deadlocks() {
        return db.sql("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'").map(row -> Long.parseLong(row.get(1, String.class))).one().block(WAIT);
    }
}
