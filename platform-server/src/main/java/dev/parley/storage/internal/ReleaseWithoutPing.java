package dev.parley.storage.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Lifecycle;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.pool.PooledRefMetadata;

/**
 * Keeps the pool's release of an r2dbc-mysql connection off the network when no transaction is
 * open. The pool calls the driver's {@link Lifecycle#preRelease} on every release; r2dbc-mysql's
 * rolls back, and with no transaction to roll back it sends a {@code COM_PING} instead: a round trip
 * per pooled use (one per message batch, 720 a second at 2,000 msg/s), each holding the connection
 * away from the next borrower until the answer came.
 *
 * <p>The driver tracks the server's in-transaction flag from every reply, and {@link
 * Connection#isAutoCommit} is false while a transaction is open (begun by the SPI or by SQL text such
 * as the message writer's), so such a connection is still rolled back before it is reused. A
 * connection whose reply was abandoned ({@link AbandonedReplies}) is never reused: {@link #evictWhen}
 * has the pool close it, since the next statement on it may never be answered.
 */
final class ReleaseWithoutPing implements ConnectionFactory {

    private final ConnectionFactory delegate;

    ReleaseWithoutPing(ConnectionFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.from(delegate.create()).map(connection -> new Released(connection, new AtomicBoolean()));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    /**
     * The pool's eviction check, in place of r2dbc-pool's own (idle time only, as configured):
     * a connection idle for {@code maxIdle}, or one whose last reply was abandoned, is closed rather
     * than reused. Called on every release and acquire, so it must stay cheap.
     */
    static BiPredicate<Connection, PooledRefMetadata> evictWhen(Duration maxIdle) {
        long idleMillis = maxIdle.toMillis();
        return (connection, metadata) -> metadata.idleTime() >= idleMillis
                || connection instanceof Released released && released.abandoned().get();
    }

    /**
     * Delegates everything; only {@link #preRelease} decides for itself. {@code abandoned} is set
     * once a reply on the connection was cancelled, and stays set: the pool closes it on release.
     */
    private record Released(Connection connection, AtomicBoolean abandoned) implements Connection, Lifecycle, Wrapped<Connection> {

        @Override
        public Publisher<Void> preRelease() {
            if (!(connection instanceof Lifecycle lifecycle)) {
                return Mono.empty();
            }
            // An abandoned reply is not waited for (its drain can wedge the connection): the
            // pool's eviction check closes the connection instead of keeping it.
            return connection.isAutoCommit() || abandoned.get() ? Mono.empty() : lifecycle.preRelease();
        }

        @Override
        public Publisher<Void> postAllocate() {
            return connection instanceof Lifecycle lifecycle ? lifecycle.postAllocate() : Mono.empty();
        }

        @Override
        public Connection unwrap() {
            return connection;
        }

        @Override
        public Publisher<Void> beginTransaction() {
            return connection.beginTransaction();
        }

        @Override
        public Publisher<Void> beginTransaction(TransactionDefinition definition) {
            return connection.beginTransaction(definition);
        }

        @Override
        public Publisher<Void> close() {
            return connection.close();
        }

        @Override
        public Publisher<Void> commitTransaction() {
            return connection.commitTransaction();
        }

        @Override
        public Batch createBatch() {
            return AbandonedReplies.track(connection.createBatch(), abandoned);
        }

        @Override
        public Publisher<Void> createSavepoint(String name) {
            return connection.createSavepoint(name);
        }

        @Override
        public Statement createStatement(String sql) {
            return AbandonedReplies.track(connection.createStatement(sql), abandoned);
        }

        @Override
        public boolean isAutoCommit() {
            return connection.isAutoCommit();
        }

        @Override
        public ConnectionMetadata getMetadata() {
            return connection.getMetadata();
        }

        @Override
        public IsolationLevel getTransactionIsolationLevel() {
            return connection.getTransactionIsolationLevel();
        }

        @Override
        public Publisher<Void> releaseSavepoint(String name) {
            return connection.releaseSavepoint(name);
        }

        @Override
        public Publisher<Void> rollbackTransaction() {
            return connection.rollbackTransaction();
        }

        @Override
        public Publisher<Void> rollbackTransactionToSavepoint(String name) {
            return connection.rollbackTransactionToSavepoint(name);
        }

        @Override
        public Publisher<Void> setAutoCommit(boolean autoCommit) {
            return connection.setAutoCommit(autoCommit);
        }

        @Override
        public Publisher<Void> setLockWaitTimeout(Duration timeout) {
            return connection.setLockWaitTimeout(timeout);
        }

        @Override
        public Publisher<Void> setStatementTimeout(Duration timeout) {
            return connection.setStatementTimeout(timeout);
        }

        @Override
        public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
            return connection.setTransactionIsolationLevel(level);
        }

        @Override
        public Publisher<Boolean> validate(ValidationDepth depth) {
            return connection.validate(depth);
        }
    }
}
