package dev.parley.storage.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Statements and batches whose replies are always read to the end ({@link ReadToEnd}), so that
 * r2dbc-mysql never sees a cancelled reply. A reader stops early often: a {@code next()} or
 * {@code take}, a closed console, a timeout. The driver then drains the rest of the reply itself,
 * and a statement sent on the connection meanwhile (the next borrower's, or a rollback on the same
 * borrow) may never be answered, or read a buffer the drain released (seen within 120 cancelled
 * reads on r2dbc-mysql 1.4.2 and 1.4.3; asyncer-io/r2dbc-mysql#347). Read to the end here
 * instead, the reply ends as any other, and until it has, nothing else is sent on the connection
 * ({@link Drains}).
 *
 * <p>The rows of a result whose reader left still go through its mapping function, and a result
 * never opened is counted through and dropped. Every method delegates; builders return the
 * wrapper, so chained binds stay wrapped.
 */
final class WholeReplies {

    private WholeReplies() {
    }

    static Statement of(Statement statement, Drains drains) {
        return new WholeStatement(statement, drains);
    }

    static Batch of(Batch batch, Drains drains) {
        return new WholeBatch(batch, drains);
    }

    /**
     * Sent once no earlier reply on the connection still drains. Once the reader left, the results
     * it was handed but never opened are counted through too: r2dbc-mysql's results are windows of
     * one reply, and a window nobody reads holds up the rest of it for ever. So a result handed out
     * as its statement's results are cancelled ({@code Mono.from} cancels as the first arrives)
     * must be opened (its rows subscribed to) before its delivery returns, as {@code flatMap} and
     * {@code concatMap} do; one opened later fails with an {@code IllegalStateException}.
     */
    private static Publisher<Result> results(Publisher<? extends Result> results, Drains drains) {
        return drains.after(ReadToEnd.of(Flux.<Result>from(results).map(result -> new WholeResult(result, drains, new AtomicBoolean())),
                WholeReplies::countThrough, true, drains));
    }

    /** A result nobody opened: its rows are read and dropped, its count and any error ignored. */
    private static void countThrough(Result result) {
        if (result instanceof WholeResult whole && whole.opened().compareAndSet(false, true)) {
            Flux.from(whole.result().getRowsUpdated()).subscribe(count -> { }, error -> { });
        }
    }

    private static <T> Flux<T> whole(Publisher<T> source, Drains drains) {
        return ReadToEnd.of(source, item -> { }, false, drains);
    }

    private static <T> Flux<T> countedThrough() {
        return Flux.error(new IllegalStateException("This result was read through after its statement's results were cancelled"));
    }

    private record WholeStatement(Statement statement, Drains drains) implements Statement, Wrapped<Statement> {

        @Override
        public Statement unwrap() {
            return statement;
        }

        @Override
        public Statement add() {
            statement.add();
            return this;
        }

        @Override
        public Statement bind(int index, Object value) {
            statement.bind(index, value);
            return this;
        }

        @Override
        public Statement bind(String name, Object value) {
            statement.bind(name, value);
            return this;
        }

        @Override
        public Statement bindNull(int index, Class<?> type) {
            statement.bindNull(index, type);
            return this;
        }

        @Override
        public Statement bindNull(String name, Class<?> type) {
            statement.bindNull(name, type);
            return this;
        }

        @Override
        public Statement returnGeneratedValues(String... columns) {
            statement.returnGeneratedValues(columns);
            return this;
        }

        @Override
        public Statement fetchSize(int rows) {
            statement.fetchSize(rows);
            return this;
        }

        @Override
        public Publisher<? extends Result> execute() {
            return results(statement.execute(), drains);
        }
    }

    private record WholeBatch(Batch batch, Drains drains) implements Batch, Wrapped<Batch> {

        @Override
        public Batch unwrap() {
            return batch;
        }

        @Override
        public Batch add(String sql) {
            batch.add(sql);
            return this;
        }

        @Override
        public Publisher<? extends Result> execute() {
            return results(batch.execute(), drains);
        }
    }

    /**
     * Opened as its rows are subscribed to, not as {@code map} is called: a cancelled {@code
     * flatMap} may call its mapper for a result and drop the publisher unsubscribed.
     */
    private record WholeResult(Result result, Drains drains, AtomicBoolean opened) implements Result, Wrapped<Result> {

        private <T> Flux<T> read(Supplier<Publisher<T>> reading) {
            return Flux.defer(() -> opened.compareAndSet(false, true) ? whole(reading.get(), drains) : countedThrough());
        }

        @Override
        public Result unwrap() {
            return result;
        }

        @Override
        public Publisher<Long> getRowsUpdated() {
            return read(() -> result.getRowsUpdated());
        }

        @Override
        public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
            return read(() -> result.map(mapping));
        }

        @Override
        public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
            return read(() -> result.map(mapping));
        }

        @Override
        public Result filter(Predicate<Result.Segment> filter) {
            return new WholeResult(result.filter(filter), drains, opened);
        }

        @Override
        public <T> Publisher<T> flatMap(Function<Result.Segment, ? extends Publisher<? extends T>> mapping) {
            return read(() -> result.flatMap(mapping));
        }
    }
}
