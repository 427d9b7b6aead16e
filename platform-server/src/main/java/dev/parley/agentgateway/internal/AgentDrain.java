package dev.parley.agentgateway.internal;

import java.time.Duration;

import dev.parley.agent.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The graceful end of this node's console connections. On shutdown (SIGTERM) every RSocket
 * connection is closed, and any that opens meanwhile at once, so consoles reconnect to another
 * node; then this node's presence leases are released to the grace period, which the reconnected
 * consoles' new leases take over. Stops before the web server stops accepting connections, and
 * within {@code deadline}, which is kept inside Spring's shutdown phase timeout.
 */
final class AgentDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AgentDrain.class);

    private final AgentConnections connections;
    private final Presence presence;
    private final Duration deadline;
    private final Scheduler timers;
    private volatile boolean running;

    AgentDrain(AgentConnections connections, Presence presence, Duration deadline, Scheduler timers) {
        this.connections = connections;
        this.presence = presence;
        this.deadline = deadline;
        this.timers = timers;
    }

    /** Also after a stop: a paused context (as Spring's test context cache makes) takes connections again. */
    @Override
    public void start() {
        connections.accept();
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        running = false;
        int count = connections.count();
        connections.drain();
        Flux.interval(Duration.ofMillis(50), timers)
                .filter(tick -> connections.count() == 0)
                .next()
                .then(Mono.defer(presence::releaseLocal))
                .timeout(deadline, timers)
                .onErrorResume(e -> {
                    log.warn("Releasing this node's presence leases failed; they run out on their own: {}", e.toString());
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    log.info("Closed {} console connections for shutdown; their consoles reconnect elsewhere", count);
                    callback.run();
                })
                .subscribe();
    }

    @Override
    public void stop() {
        running = false;
        connections.drain();
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
