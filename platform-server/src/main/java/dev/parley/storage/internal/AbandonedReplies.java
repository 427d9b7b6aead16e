package dev.parley.storage.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

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
 * Notes on a connection that a reply was abandoned: a statement's results, or a result's rows or
 * counts, cancelled before they ended (a closed console, a timeout, {@code take}). The server is
 * still sending the rest of that reply, and r2dbc-mysql drains it in the background; a statement
 * sent on the connection before the drain ends may never be answered (seen within 120 cancelled
 * reads on 1.4.2 and 1.4.3) or read a buffer the drain released. {@link ReleaseWithoutPing} then
 * lets the driver's release hook run, whose ping queues behind the drain.
 *
 * <p>Every method delegates; builders return the wrapper, so chained binds stay tracked.
 */
final class AbandonedReplies {

    private AbandonedReplies() {
    }

    static Statement track(Statement statement, AtomicBoolean abandoned) {
        return new TrackedStatement(statement, abandoned);
    }

    static Batch track(Batch batch, AtomicBoolean abandoned) {
        return new TrackedBatch(batch, abandoned);
    }

    private static Flux<Result> results(Publisher<? extends Result> results, AtomicBoolean abandoned) {
        return Flux.<Result>from(results).<Result>map(result -> new TrackedResult(result, abandoned)).doOnCancel(() -> abandoned.set(true));
    }

    private static <T> Flux<T> watched(Publisher<T> source, AtomicBoolean abandoned) {
        return Flux.from(source).doOnCancel(() -> abandoned.set(true));
    }

    private record TrackedStatement(Statement statement, AtomicBoolean abandoned) implements Statement, Wrapped<Statement> {

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
            return results(statement.execute(), abandoned);
        }
    }

    private record TrackedBatch(Batch batch, AtomicBoolean abandoned) implements Batch, Wrapped<Batch> {

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
            return results(batch.execute(), abandoned);
        }
    }

    private record TrackedResult(Result result, AtomicBoolean abandoned) implements Result, Wrapped<Result> {

        @Override
        public Result unwrap() {
            return result;
        }

        @Override
        public Publisher<Long> getRowsUpdated() {
            return watched(result.getRowsUpdated(), abandoned);
        }

        @Override
        public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
            return watched(result.map(mapping), abandoned);
        }

        @Override
        public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
            return watched(result.map(mapping), abandoned);
        }

        @Override
        public Result filter(Predicate<Result.Segment> filter) {
            return new TrackedResult(result.filter(filter), abandoned);
        }

        @Override
        public <T> Publisher<T> flatMap(Function<Result.Segment, ? extends Publisher<? extends T>> mapping) {
            return watched(result.flatMap(mapping), abandoned);
        }
    }
}
