package dev.parley.storage;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.TestBackend;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What handing a MariaDB connection back to the pool costs, seen from the server's side of the
 * connection, and what a reader that stops early leaves on it. One connection in the pool, so each
 * use after the first gets the same session.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.db.pool-max-size=1")
class PooledReleaseTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * 1,000 rows of 200 bytes, about 200 KB: a reply far larger than one read, so a cancel lands
     * mid-reply. Not more: MariaDB's {@code max_recursive_iterations} (1,000 by default) ends a
     * recursion there.
     */
    private static final int ROW_COUNT = 1000;

    private static final String ROWS = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < " + ROW_COUNT + ") "
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
     * A reader that stops early (a closed console, a timeout, {@code next()}) must not leave the
     * driver draining the reply on its own: r2dbc-mysql can then leave the connection's next
     * statement unanswered for ever. The reply is still read through, row by row, and the same
     * connection answers its next borrower.
     */
    @Test
    void aReadStoppedEarlyIsReadToItsEndAndTheConnectionAnswersTheNextBorrower() {
        long first = session().id();
        AtomicInteger mapped = new AtomicInteger();

        StepVerifier.create(db.sql(ROWS).map(row -> {
                    mapped.incrementAndGet();
                    return row.get("n", String.class);
                }).all().take(3))
                .expectNext("1", "2", "3")
                .expectComplete()
                .verify(WAIT);
        Session next = session();

        assertThat(next.id()).isEqualTo(first);
        assertThat(mapped).hasValue(ROW_COUNT);
    }

    /** The same holds within one borrow, as for a rollback after a transaction's read was cancelled. */
    @Test
    void aStatementAfterAReadStoppedEarlyOnTheSameConnectionIsAnswered() {
        AtomicInteger mapped = new AtomicInteger();
        Mono<Long> sameBorrow = db.inConnection(connection -> Flux.from(connection.createStatement(ROWS).execute())
                .flatMap(result -> result.map(row -> mapped.incrementAndGet()))
                .take(3)
                .then(Mono.from(connection.createStatement("SELECT 1 AS one").execute()))
                .flatMap(result -> Mono.from(result.map(row -> row.get("one", Long.class)))));

        StepVerifier.create(sameBorrow)
                .expectNext(1L)
                .expectComplete()
                .verify(WAIT);

        assertThat(mapped).hasValue(ROW_COUNT);
    }

    /**
     * Reads cut short at random points, each followed on the same borrow by a rollback, as when a
     * transaction's flow is cancelled. With the driver left to drain (closing the connection only
     * on release), a rollback went unanswered in each of three runs, and the pool's only connection
     * with it.
     */
    @Test
    void readsCutShortAtRandomPointsNeverLeaveTheConnectionUnanswered() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            Flux<String> cutShort = Flux.usingWhen(Mono.from(db.getConnectionFactory().create()),
                            connection -> Flux.from(connection.createStatement(ROWS).execute())
                                    .flatMap(result -> result.map(row -> row.get("n", String.class))),
                            Connection::close, (connection, error) -> rollBack(connection), PooledReleaseTests::rollBack)
                    .take(1 + random.nextInt(50))
                    .timeout(Duration.ofMillis(1 + random.nextInt(4)), Flux.empty());

            StepVerifier.create(cutShort.then(db.sql("SELECT 1 AS one").map(row -> row.get("one", Long.class)).one()))
                    .as("round " + round)
                    .expectNext(1L)
                    .expectComplete()
                    .verify(WAIT);
        }
    }

    private static Mono<Void> rollBack(Connection connection) {
        return Flux.from(connection.createStatement("ROLLBACK").execute())
                .flatMap(Result::getRowsUpdated)
                .then(Mono.from(connection.close()));
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
