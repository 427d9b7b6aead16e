package dev.parley.agentgateway.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.parley.agent.Presence;
import dev.parley.agentgateway.AgentGatewayProperties;
import dev.parley.security.AgentPrincipal;
import dev.parley.security.AgentSessions;
import dev.parley.shared.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.rsocket.RSocketRequester;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The open console connections of this node, each ended when its token expires or its session is
 * revoked: on a timer at the token's expiry, and by a periodic revocation check. A connection may
 * renew its deadline with a fresh token of the same agent.
 */
final class AgentConnections {

    private static final Logger log = LoggerFactory.getLogger(AgentConnections.class);

    private final Map<RSocketRequester, Watch> open = new ConcurrentHashMap<>();
    private final AgentSessions sessions;
    private final Presence presence;
    private final AgentGatewayProperties limits;
    private final Clock clock;
    private final Scheduler timers;
    private volatile boolean draining;

    AgentConnections(AgentSessions sessions, Presence presence, AgentGatewayProperties limits, Clock clock, Scheduler timers) {
        this.sessions = sessions;
        this.presence = presence;
        this.limits = limits;
        this.clock = clock;
        this.timers = timers;
    }

    /** A connection opened: lease the agent's presence and watch the connection until it closes. */
    Mono<Void> opened(RSocketRequester requester, AgentPrincipal agent) {
        if (draining) {
            // This node is shutting down: the console is to connect to another one.
            requester.dispose();
            return Mono.empty();
        }
        String connectionId = "rsocket-" + Ids.next();
        Watch watch = new Watch(requester, agent);
        open.put(requester, watch);
        requester.rsocketClient().source().flatMap(rsocket -> rsocket.onClose()).doFinally(signal -> {
            Watch removed = open.remove(requester);
            if (removed != null) {
                removed.stop();
            }
            presence.disconnected(connectionId).subscribe(null, e -> log.warn("Releasing a presence lease failed; it runs out on its own: {}", e.toString()));
        }).subscribe(null, e -> { });
        watch.start(agent.expiresAt());
        return presence.connected(agent.accountId(), agent.agentId(), connectionId);
    }

    /** Moves the connection's deadline to the new token's, when it is the same agent's. */
    Mono<Instant> renew(RSocketRequester requester, AgentPrincipal renewed) {
        Watch watch = open.get(requester);
        if (watch == null || !watch.agent.agentId().equals(renewed.agentId())) {
            return Mono.error(new GatewayException("invalid_token", "The token is not for this connection's agent"));
        }
        watch.agent = renewed;
        watch.start(renewed.expiresAt());
        return Mono.just(renewed.expiresAt());
    }

    int count() {
        return open.size();
    }

    /** Takes connections again after a {@link #drain}. */
    void accept() {
        draining = false;
    }

    /** Shutting down: closes every connection, and each one that opens from now on, so consoles reconnect elsewhere. */
    void drain() {
        draining = true;
        open.keySet().forEach(RSocketRequester::dispose);
    }

    private final class Watch {

        private final RSocketRequester requester;
        private volatile AgentPrincipal agent;
        private volatile Disposable expiry;
        private final Disposable revocation;

        Watch(RSocketRequester requester, AgentPrincipal agent) {
            this.requester = requester;
            this.agent = agent;
            this.revocation = Flux.interval(limits.sessionCheckInterval(), timers)
                    // A slow check skips ticks instead of overflowing the interval and ending the watch.
                    .onBackpressureDrop()
                    // A failed check (the database briefly away) is retried on the next tick, not the end of watching.
                    .concatMap(tick -> sessions.isRevoked(this.agent.sessionId()).onErrorResume(e -> {
                        log.warn("Revocation check failed; retrying: {}", e.toString());
                        return Mono.just(false);
                    }))
                    .filter(Boolean::booleanValue)
                    .next()
                    .subscribe(revoked -> end("session revoked"));
        }

        void start(Instant expiresAt) {
            Disposable previous = expiry;
            if (previous != null) {
                previous.dispose();
            }
            Duration left = Duration.between(clock.instant(), expiresAt);
            expiry = Mono.delay(left.isNegative() ? Duration.ZERO : left, timers).subscribe(tick -> end("token expired"));
        }

        void end(String why) {
            log.debug("Closing an agent connection: {}", why);
            stop();
            requester.dispose();
        }

        void stop() {
            revocation.dispose();
            Disposable e = expiry;
            if (e != null) {
                e.dispose();
            }
        }
    }
}
