package dev.parley.storage.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs a driver that does blocking I/O under a reactive face (r2dbc-h2 calls H2's embedded engine
 * on the subscribing thread) off the event loops, each connection on a thread of its own, the way a
 * database server runs each session: a statement waiting for a row lock then holds up only its own
 * connection. On a shared pool of threads, work is pinned to a thread when it is scheduled, so the
 * next statement of the transaction holding the lock could queue behind the statement waiting for
 * it, and both waited out H2's lock timeout: 10-second stalls at 1,000 msg/s.
 *
 * <p>Every {@link Publisher} returned by the connection, its statements and batches is subscribed
 * on the connection's thread, which ends once the connection is closed.
 */
final class OffloadingConnectionFactory implements ConnectionFactory {

    private final ConnectionFactory delegate;
    private final String threadName;
    private final AtomicInteger threads = new AtomicInteger();

    OffloadingConnectionFactory(ConnectionFactory delegate, String threadName) {
        this.delegate = delegate;
        this.threadName = threadName;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.defer(() -> {
            Scheduler own = Schedulers.newSingle(threadName + "-" + threads.incrementAndGet(), true);
            return Mono.from(delegate.create())
                    .subscribeOn(own)
                    .map(connection -> wrap(connection, Connection.class, own))
                    .doOnError(e -> own.dispose())
                    .doOnCancel(own::dispose);
        });
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    private static <T> T wrap(T target, Class<T> type, Scheduler scheduler) {
        InvocationHandler handler = new Offloading(target, scheduler);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static final class Offloading implements InvocationHandler {

        private final Object target;
        private final Scheduler scheduler;

        Offloading(Object target, Scheduler scheduler) {
            this.target = target;
            this.scheduler = scheduler;
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
                return wrap(statement, Statement.class, scheduler);
            }
            if (result instanceof Batch batch) {
                return wrap(batch, Batch.class, scheduler);
            }
            if (target instanceof Connection && method.getName().equals("close") && result instanceof Publisher<?> closing) {
                // The thread finishes what is queued on it (the close itself), then ends.
                return Mono.from(closing).subscribeOn(scheduler).doFinally(signal -> scheduler.disposeGracefully().subscribe());
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
