package dev.parley.storage.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs a driver that does blocking I/O under a reactive face (r2dbc-h2 calls H2's embedded engine
 * on the subscribing thread) on its own scheduler, so it never blocks a Netty event loop.
 *
 * <p>Every {@link Publisher} returned by the connection, its statements and batches is subscribed
 * on {@code scheduler}; everything else passes through unchanged.
 */
final class OffloadingConnectionFactory implements ConnectionFactory {

    private final ConnectionFactory delegate;
    private final Scheduler scheduler;

    OffloadingConnectionFactory(ConnectionFactory delegate, Scheduler scheduler) {
        this.delegate = delegate;
        this.scheduler = scheduler;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.from(delegate.create()).subscribeOn(scheduler).map(connection -> wrap(connection, Connection.class));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    private <T> T wrap(T target, Class<T> type) {
        InvocationHandler handler = new Offloading(target);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private final class Offloading implements InvocationHandler {

        private final Object target;

        Offloading(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("unwrap") && method.getParameterCount() == 0) {
                return target;
            }
            Object result;
            try {
                result = method.invoke(target, args);
            }
            catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result == target) {
                // Fluent calls such as Statement.bind return their receiver.
                return proxy;
            }
            if (result instanceof Statement statement) {
                return wrap(statement, Statement.class);
            }
            if (result instanceof Batch batch) {
                return wrap(batch, Batch.class);
            }
            if (result instanceof Mono<?> mono) {
                return mono.subscribeOn(scheduler);
            }
            if (result instanceof Publisher<?> publisher) {
                return Flux.from(publisher).subscribeOn(scheduler);
            }
            return result;
        }
    }
}
