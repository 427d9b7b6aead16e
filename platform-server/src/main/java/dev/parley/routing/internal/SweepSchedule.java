package dev.parley.routing.internal;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/** Runs the {@link Sweeper} for as long as the node runs; a failed sweep is logged and the next one tries again. */
final class SweepSchedule implements SmartLifecycle {

    private final Sweeper sweeper;
    private final Clock clock;
    private final Duration interval;
    private volatile Disposable running;

    SweepSchedule(Sweeper sweeper, Clock clock, Duration interval) {
        this.sweeper = sweeper;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void start() {
        running = sweeper.ticks(interval, Schedulers.parallel(), clock::instant).subscribe();
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
