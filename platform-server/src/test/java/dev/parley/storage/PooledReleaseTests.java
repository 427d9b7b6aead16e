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
 * connection, and when the pool closes it instead. One connection in the pool, so each use after the
 * first gets the same session unless the pool closed it.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.db.pool-max-size=1")
class PooledReleaseTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** 3,000 rows of 200 bytes: a reply far larger than one read, so a cancel lands mid-reply. */
    private static final String ROWS = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 3000) "
            + "SELECT CAST(n AS CHAR) AS n, REPEAT('x', 200) AS pad FROM s";

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

    /**
     * A read cancelled mid-reply (a console closed, a timeout) leaves the rest of the reply in
     * flight; r2dbc-mysql can then leave the next statement on that connection unanswered for ever.
     * The pool closes such a connection instead of handing it out again.
     */
    @Test
    void aConnectionWhoseReplyWasAbandonedIsClosedAndNotHandedOutAgain() {
        long abandoned = session().id();

        StepVerifier.create(db.sql(ROWS).map(row -> row.get("n", String.class)).all().take(5))
                .expectNextCount(5)
                .expectComplete()
                .verify(WAIT);
        Session next = session();

        assertThat(next.id()).isNotEqualTo(abandoned);
        StepVerifier.create(Mono.defer(() -> db.sql("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID = :id")
                        .bind("id", abandoned).map(row -> row.get("n", Long.class)).one())
                        .filter(open -> open == 0).repeatWhenEmpty(50, repeats -> repeats.delayElements(Duration.ofMillis(100))))
                .expectNext(0L)
                .expectComplete()
                .verify(WAIT);
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
