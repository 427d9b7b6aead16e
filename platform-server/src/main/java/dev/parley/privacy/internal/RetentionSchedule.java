package dev.parley.privacy.internal;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Tries the {@link RetentionJob} every interval, one run at a time, for as long as the node runs. */
final class RetentionSchedule implements SmartLifecycle {

    private final RetentionJob job;
    private final Duration interval;
    private volatile Disposable running;

    RetentionSchedule(RetentionJob job, Duration interval) {
        this.job = job;
        this.interval = interval;
    }

    @Override
    public void start() {
        running = Flux.interval(interval, interval, Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> job.run(), 1)
                .subscribe();
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
