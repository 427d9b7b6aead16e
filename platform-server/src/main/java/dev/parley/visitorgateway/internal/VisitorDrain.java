package dev.parley.visitorgateway.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The graceful end of this node's visitor sockets. On shutdown (SIGTERM) new sockets are refused
 * with 503, and every open one is closed with 1001 so the widget reconnects at once, through the
 * load balancer, to another node, where it resumes from its last seq. Stops before the web server
 * stops accepting connections, and within {@code deadline}, which is kept inside Spring's
 * shutdown phase timeout.
 */
final class VisitorDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VisitorDrain.class);

    static final CloseStatus SHUTTING_DOWN = CloseStatus.GOING_AWAY.withReason("server shutting down");

    private final Set<VisitorConnection> open = ConcurrentHashMap.newKeySet();
    private final Duration deadline;
    private final Scheduler timers;
    private volatile boolean running;
    private volatile boolean draining;

    VisitorDrain(Duration deadline, Scheduler timers) {
        this.deadline = deadline;
        this.timers = timers;
    }

    boolean draining() {
        return draining;
    }

    /** A socket opened; one that opens while draining is told to go at once. */
    void opened(VisitorConnection connection) {
        open.add(connection);
        if (draining) {
            connection.closeAfterFlush(SHUTTING_DOWN);
        }
    }

    void closed(VisitorConnection connection) {
        open.remove(connection);
    }

    int openSockets() {
        return open.size();
    }

    /** Also after a stop: a paused context (as Spring's test context cache makes) takes sockets again. */
    @Override
    public void start() {
        draining = false;
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        draining = true;
        running = false;
        int count = open.size();
        open.forEach(connection -> connection.closeAfterFlush(SHUTTING_DOWN));
        Flux.interval(Duration.ofMillis(50), timers)
                .filter(tick -> open.isEmpty())
                .next()
                .timeout(deadline, Mono.<Long>fromRunnable(() -> log.warn("{} visitor sockets were still open after {}", open.size(), deadline)), timers)
                .doFinally(signal -> {
                    log.info("Closed {} visitor sockets for shutdown; their widgets reconnect elsewhere", count);
                    callback.run();
                })
                .subscribe();
    }

    @Override
    public void stop() {
        draining = true;
        running = false;
        open.forEach(connection -> connection.closeAfterFlush(SHUTTING_DOWN));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops in the first shutdown phase: before the web server's graceful shutdown stops accepting connections. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
