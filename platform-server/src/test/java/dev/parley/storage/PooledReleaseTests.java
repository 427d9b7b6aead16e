package dev.parley.storage;

import java.time.Duration;
import java.util.List;

import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What handing a MariaDB connection back to the pool costs, seen from the server's side of the
 * connection. One connection in the pool, so each use after the first gets the same session.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.db.pool-max-size=1")
class PooledReleaseTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    DatabaseClient db;

    @BeforeEach
    void onMariaDb() {
        assumeTrue(TestBackend.mariaDbConfigured(), "the pool's release hook is r2dbc-mysql's");
    }

    /** A transaction begun by SQL text and never ended would hold its row locks for the next borrower. */
    @Test
    void aTransactionLeftOpenIsRolledBackBeforeTheConnectionIsUsedAgain() {
        Session before = session();

        StepVerifier.create(db.sql("START TRANSACTION").then())
                .expectComplete()
                .verify(WAIT);
        Session after = session();

        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.inTransaction()).isFalse();
    }

    /** r2dbc-mysql pings on every release with no transaction to roll back: a round trip per use. */
    @Test
    void handingBackAConnectionWithNoTransactionOpenSendsTheServerNothing() {
        Session first = session();
        Session second = session();
        Session third = session();

        // One session throughout, or the counters below would compare two connections.
        assertThat(List.of(second.id(), third.id())).containsOnly(first.id());
        assertThat(second.adminCommands()).isEqualTo(first.adminCommands());
        assertThat(third.adminCommands()).isEqualTo(first.adminCommands());
    }

    /** One pooled use: which session it got, and what the server counted on it so far. */
    private Session session() {
        Session session = db.sql("SELECT CONNECTION_ID() AS id, @@in_transaction AS open, (SELECT VARIABLE_VALUE FROM "
                        + "information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'COM_ADMIN_COMMANDS') AS admin")
                .map(row -> new Session(row.get("id", Long.class), row.get("open", Long.class) != 0,
                        Long.parseLong(row.get("admin", String.class))))
                .one()
                .block(WAIT);
        assertThat(session).isNotNull();
        return session;
    }

    private record Session(long id, boolean inTransaction, long adminCommands) {
    }
}
