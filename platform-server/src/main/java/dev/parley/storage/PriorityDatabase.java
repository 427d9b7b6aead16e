package dev.parley.storage;

import io.r2dbc.pool.ConnectionPool;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * The same database through a small pool of its own ({@code parley.db.priority-pool-max-size}) for
 * the work every user is waiting on: the message writer's lanes and routing. Neither queues behind
 * a burst of reads on the main pool: a thousand visitors starting at once filled it with their
 * inserts and catch-up reads, and held the first assignment back by two seconds.
 *
 * <p>A transaction begun through {@link #transactions()} is seen only by {@link #client()}; the
 * main pool's client runs outside it. Its transactions are read committed: both users write rows
 * that sit side by side in the conversations' indexes (one account's chats), and under MariaDB's
 * default repeatable read their gap locks made disjoint writers deadlock (the writer's lanes at
 * 5,000 msg/s); both read what they must not lose with {@code SELECT … FOR UPDATE}.
 */
public final class PriorityDatabase implements AutoCloseable {

    private final ConnectionPool pool;
    private final DatabaseClient client;
    private final TransactionalOperator transactions;

    public PriorityDatabase(ConnectionPool pool) {
        this.pool = pool;
        this.client = DatabaseClient.create(pool);
        DefaultTransactionDefinition readCommitted = new DefaultTransactionDefinition();
        readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.transactions = TransactionalOperator.create(new R2dbcTransactionManager(pool), readCommitted);
    }

    public DatabaseClient client() {
        return client;
    }

    /** Read-committed transactions on this pool. */
    public TransactionalOperator transactions() {
        return transactions;
    }

    /** Closes the pool's connections; called once, at shutdown. */
    @Override
    public void close() {
        pool.dispose();
    }
}
