package dev.parley.storage.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The embedded database's threading: a connection waiting for a lock holds up nobody else. */
class OffloadingConnectionFactoryTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ConnectionFactory factory = new OffloadingConnectionFactory(new H2ConnectionFactory(H2ConnectionConfiguration.builder()
            .url("mem:offloading-" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000")
            .username("sa")
            .build()), "test-h2");

    @Test
    void theLockHolderCommitsAtOnceWhileEightOtherConnectionsWaitForItsRow() {
        Connection holder = open();
        run(holder, "CREATE TABLE counters (id INT PRIMARY KEY, n INT)");
        run(holder, "INSERT INTO counters VALUES (1, 0)");
        Mono.from(holder.beginTransaction()).block(WAIT);
        run(holder, "UPDATE counters SET n = n + 1 WHERE id = 1");
        List<Connection> waiters = Flux.range(0, 8).map(i -> open()).collectList().block(WAIT);
        // Each waits for the holder's row lock, blocking the thread it runs on.
        Flux<Long> waiting = Flux.fromIterable(waiters)
                .flatMap(c -> Flux.from(c.createStatement("UPDATE counters SET n = n + 1 WHERE id = 1").execute())
                        .flatMap(result -> result.getRowsUpdated()))
                .cache();
        waiting.subscribe();

        // Well inside H2's 10 s lock timeout: a commit queued behind a waiter would take all of it.
        StepVerifier.create(Mono.delay(Duration.ofMillis(300)).then(Mono.from(holder.commitTransaction())))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        StepVerifier.create(waiting.count()).expectNext(8L).expectComplete().verify(Duration.ofSeconds(5));
        StepVerifier.create(Flux.from(holder.createStatement("SELECT n FROM counters WHERE id = 1").execute())
                        .flatMap(result -> result.map(row -> row.get("n", Integer.class))))
                .expectNext(9)
                .expectComplete()
                .verify(WAIT);
        waiters.forEach(c -> Mono.from(c.close()).block(WAIT));
        Mono.from(holder.close()).block(WAIT);
    }

    @Test
    void eachConnectionRunsOnItsOwnNamedThreadUntilClosed() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Connection> three = Flux.range(0, 3).map(i -> open()).collectList().block(WAIT);
        for (Connection c : three) {
            Flux.from(c.createStatement("SELECT 1").execute())
                    .flatMap(result -> result.map(row -> Thread.currentThread().getName()))
                    .doOnNext(threads::add)
                    .blockLast(WAIT);
        }
        assertThat(threads).hasSize(3).allSatisfy(name -> assertThat(name).startsWith("test-h2-"));

        three.forEach(c -> Mono.from(c.close()).block(WAIT));
        await().atMost(WAIT).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .doesNotContainAnyElementsOf(threads));
    }

    private Connection open() {
        return Mono.from(factory.create()).block(WAIT);
    }

    private static void run(Connection connection, String sql) {
        Flux.from(connection.createStatement(sql).execute()).flatMap(result -> result.getRowsUpdated()).blockLast(WAIT);
    }
}
