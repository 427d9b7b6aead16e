package dev.parley.agent.internal;

import dev.parley.agent.AgentProperties;
import dev.parley.agent.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Renews this node's presence leases on a timer, for as long as the node runs. */
@Component
class PresenceHeartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceHeartbeat.class);

    private final Presence presence;
    private final AgentProperties properties;
    private volatile Disposable beat;

    PresenceHeartbeat(Presence presence, AgentProperties properties) {
        this.presence = presence;
        this.properties = properties;
    }

    @Override
    public void start() {
        beat = Flux.interval(properties.leaseRenewInterval(), Schedulers.parallel())
                // A slow renewal skips ticks instead of overflowing the interval and ending the loop.
                .onBackpressureDrop()
                .concatMap(tick -> presence.renewLocal()
                        // A missed renewal is survivable: the grace covers two of them.
                        .onErrorResume(e -> {
                            log.warn("Renewing presence leases failed: {}", e.toString());
                            return reactor.core.publisher.Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = beat;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return beat != null && !beat.isDisposed();
    }
}
