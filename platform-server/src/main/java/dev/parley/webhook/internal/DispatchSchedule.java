package dev.parley.webhook.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Polls the outbox for as long as the node runs: one poll at a time, and while a poll finds a full
 * batch the next starts at once, so a backlog drains without waiting for the interval.
 */
final class DispatchSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchSchedule.class);

    private final Dispatcher dispatcher;
    private final Duration interval;
    private final int batchSize;
    private volatile Disposable running;

    DispatchSchedule(Dispatcher dispatcher, Duration interval, int batchSize) {
        this.dispatcher = dispatcher;
        this.interval = interval;
        this.batchSize = batchSize;
    }

    @Override
    public void start() {
        running = Flux.interval(interval, Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> dispatcher.poll().expand(n -> n >= batchSize ? dispatcher.poll() : reactor.core.publisher.Mono.empty())
                        .then(), 1)
                .subscribe(null, e -> log.error("Webhook dispatch stopped", e));
    }

    @Override
    public void stop() {
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
