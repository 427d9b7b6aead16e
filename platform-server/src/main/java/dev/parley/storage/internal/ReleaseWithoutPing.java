package dev.parley.storage.internal;

import java.time.Duration;

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

/**
 * Keeps the pool's release of an r2dbc-mysql connection off the network when no transaction is
 * open. The pool calls the driver's {@link Lifecycle#preRelease} on every release; r2dbc-mysql's
 * rolls back, and with no transaction to roll back it sends a {@code COM_PING} instead: a round trip
 * per pooled use (one per message batch, 720 a second at 2,000 msg/s), each holding the connection
 * away from the next borrower until the answer came.
 *
 * <p>The driver tracks the server's in-transaction flag from every reply, and {@link
 * Connection#isAutoCommit} is false while a transaction is open (begun by the SPI or by SQL text such
 * as the message writer's), so such a connection is still rolled back before it is reused. Its
 * statements' replies are read to the end ({@link WholeReplies}), and its release waits for a reply
 * still arriving after its reader left ({@link Drains}): the next borrower finds it idle.
 */
final class ReleaseWithoutPing implements ConnectionFactory {

    private final ConnectionFactory delegate;

    ReleaseWithoutPing(ConnectionFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.from(delegate.create()).map(connection -> new Released(connection, new Drains()));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    /**
     * Delegates everything but {@link #preRelease}; wraps statements and batches, and holds back
     * whatever talks to the server while a reply still drains, handing back to the pool included.
     */
    private record Released(Connection connection, Drains drains) implements Connection, Lifecycle, Wrapped<Connection> {

        @Override
        public Publisher<Void> preRelease() {
            if (!(connection instanceof Lifecycle lifecycle)) {
                return Mono.empty();
            }
            // Read at subscription, after any drain: a drained reply can end a transaction.
            return drains.after(Mono.defer(() -> connection.isAutoCommit() ? Mono.empty() : Mono.from(lifecycle.preRelease())));
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
            return drains.after(connection.beginTransaction());
        }

        @Override
        public Publisher<Void> beginTransaction(TransactionDefinition definition) {
            return drains.after(connection.beginTransaction(definition));
        }

        @Override
        public Publisher<Void> close() {
            return drains.after(connection.close());
        }

        @Override
        public Publisher<Void> commitTransaction() {
            return drains.after(connection.commitTransaction());
        }

        @Override
        public Batch createBatch() {
            return WholeReplies.of(connection.createBatch(), drains);
        }

        @Override
        public Publisher<Void> createSavepoint(String name) {
            return drains.after(connection.createSavepoint(name));
        }

        @Override
        public Statement createStatement(String sql) {
            return WholeReplies.of(connection.createStatement(sql), drains);
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
            return drains.after(connection.releaseSavepoint(name));
        }

        @Override
        public Publisher<Void> rollbackTransaction() {
            return drains.after(connection.rollbackTransaction());
        }

        @Override
        public Publisher<Void> rollbackTransactionToSavepoint(String name) {
            return drains.after(connection.rollbackTransactionToSavepoint(name));
        }

        @Override
        public Publisher<Void> setAutoCommit(boolean autoCommit) {
            return drains.after(connection.setAutoCommit(autoCommit));
        }

        @Override
        public Publisher<Void> setLockWaitTimeout(Duration timeout) {
            return drains.after(connection.setLockWaitTimeout(timeout));
        }

        @Override
        public Publisher<Void> setStatementTimeout(Duration timeout) {
            return drains.after(connection.setStatementTimeout(timeout));
        }

        @Override
        public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
            return drains.after(connection.setTransactionIsolationLevel(level));
        }

        @Override
        public Publisher<Boolean> validate(ValidationDepth depth) {
            return drains.after(connection.validate(depth));
        }
    }
}
