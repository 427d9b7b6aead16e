package dev.parley.storage;

import io.r2dbc.pool.ConnectionPool;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * The same database through a small pool of its own ({@code parley.db.priority-pool-max-size}) for
 * the work every user is waiting on: the message writer's lanes and routing. Neither queues behind
 * a burst of reads on the main pool: a thousand visitors starting at once filled it with their
 * inserts and catch-up reads, and held the first assignment back by two seconds.
 *
 * <p>A transaction begun through {@link #transactions()} is seen only by {@link #client()}; the
 * main pool's client runs outside it.
 */
public final class PriorityDatabase implements AutoCloseable {

    private final ConnectionPool pool;
    private final DatabaseClient client;
    private final ReactiveTransactionManager transactions;

    public PriorityDatabase(ConnectionPool pool) {
        this.pool = pool;
        this.client = DatabaseClient.create(pool);
        this.transactions = new R2dbcTransactionManager(pool);
    }

    public DatabaseClient client() {
        return client;
    }

    public ReactiveTransactionManager transactions() {
        return transactions;
    }

    /** Closes the pool's connections; called once, at shutdown. */
    @Override
    public void close() {
        pool.dispose();
    }
}
