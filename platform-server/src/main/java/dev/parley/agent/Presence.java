package dev.parley.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.parley.agent.internal.PresenceRepository;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.shared.Ids;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who is at their desk. An agent is available for new chats only while their chosen status is
 * ONLINE and at least one of their console connections holds an unexpired lease. Leases live in
 * the database, so every node agrees; each node renews the leases of its own connections, and a
 * lease of a closed or lost connection runs out after {@link AgentProperties#leaseGrace()}.
 *
 * <p>A renewal also re-creates the lease of a connection still open here whose row is gone: while
 * this node could not reach the database its leases lapsed, and another node's sweep may have
 * deleted them; the agent is live again from that renewal on, not only once the console reconnects.
 *
 * <p>Thread-safe. Publishes {@link AgentStatusChanged} whenever status or liveness changes.
 */
@Service
public class Presence {

    private final PresenceRepository repository;
    private final ClusterBus bus;
    private final Clock clock;
    private final AgentProperties properties;
    private final String nodeId;
    /** The console connections open on this node, and whose they are. */
    private final Map<String, Holder> local = new ConcurrentHashMap<>();

    Presence(PresenceRepository repository, ClusterBus bus, Clock clock, AgentProperties properties) {
        this.repository = repository;
        this.bus = bus;
        this.clock = clock;
        this.properties = properties;
        this.nodeId = properties.nodeId() == null || properties.nodeId().isBlank() ? "node-" + Ids.next() : properties.nodeId();
    }

    /** A console connection opened on this node. */
    public Mono<Void> connected(String accountId, String agentId, String connectionId) {
        Instant now = clock.instant();
        return repository.live(agentId, now).flatMap(wasLive -> repository
                .insertLease(connectionId, agentId, accountId, nodeId, now.plus(properties.leaseGrace()))
                .doOnSuccess(done -> local.put(connectionId, new Holder(agentId, accountId)))
                .then(wasLive ? Mono.empty() : announce(accountId, agentId, true)));
    }

    /** A console connection closed; its lease runs out after the grace period unless another connection renews the agent. */
    public Mono<Void> disconnected(String connectionId) {
        local.remove(connectionId);
        return repository.expire(connectionId, clock.instant().plus(properties.leaseGrace()));
    }

    /**
     * Renews the leases of every connection open on this node, re-creating those whose row is gone;
     * an agent who was not live before a lease came back is announced live, which makes routing
     * offer them chats again.
     */
    public Mono<Void> renewLocal() {
        if (local.isEmpty()) {
            return Mono.empty();
        }
        Map<String, Holder> held = Map.copyOf(local);
        Instant now = clock.instant();
        Instant until = now.plus(properties.leaseGrace());
        return repository.renew(nodeId, held.keySet(), until)
                .filter(renewed -> renewed < held.size())
                .flatMap(shortCount -> repository.existing(held.keySet()).collect(Collectors.toSet()))
                .flatMapMany(present -> Flux.fromIterable(held.entrySet()).filter(lease -> !present.contains(lease.getKey())))
                .concatMap(lease -> recreate(lease.getKey(), lease.getValue(), now, until))
                .then();
    }

    /** Writes back a lost lease, unless its connection closed meanwhile (its row then stays gone, as it would have run out). */
    private Mono<Void> recreate(String connectionId, Holder holder, Instant now, Instant until) {
        if (!local.containsKey(connectionId)) {
            return Mono.empty();
        }
        return repository.live(holder.agentId(), now).flatMap(wasLive -> repository
                .upsertLease(connectionId, holder.agentId(), holder.accountId(), nodeId, until)
                .then(wasLive ? Mono.empty() : announce(holder.accountId(), holder.agentId(), true)));
    }

    /**
     * This node is shutting down: its leases are no longer renewed and run out within the grace
     * period, unless their agents' consoles reconnect to another node first, as they are told to.
     * A rolling restart therefore costs nobody their chats.
     */
    public Mono<Void> releaseLocal() {
        local.clear();
        return repository.release(nodeId, clock.instant().plus(properties.leaseGrace()));
    }

    /** Sets the agent's chosen status. Completes empty when the agent is not the account's. */
    public Mono<AgentStatus> setStatus(String accountId, String agentId, AgentStatus status) {
        return repository.setStatus(accountId, agentId, status).flatMap(changed -> changed == 0
                ? repository.status(agentId).filter(current -> current == status)
                : repository.live(agentId, clock.instant())
                        .flatMap(live -> bus.publish(new AgentStatusChanged(accountId, agentId, status, live)))
                        .thenReturn(status));
    }

    /** The account's active agents, as the console's roster shows them. */
    public Flux<RosterEntry> roster(String accountId) {
        return repository.roster(accountId, clock.instant());
    }

    public Mono<Boolean> live(String agentId) {
        return repository.live(agentId, clock.instant());
    }

    /**
     * Agents whose last lease ran out by {@code now}: each is set OFFLINE, announced, and returned
     * once, so the caller can give their chats to others. Safe on several nodes at once.
     */
    public Flux<String[]> expireLapsed(Instant now) {
        return repository.expiredAgents(now).concatMap(agent -> repository.deleteExpired(agent[0], now).flatMap(deleted -> deleted == 0
                ? Mono.<String[]>empty()
                : repository.setStatus(agent[1], agent[0], AgentStatus.OFFLINE)
                        .then(announce(agent[1], agent[0], false))
                        .thenReturn(agent)));
    }

    String nodeId() {
        return nodeId;
    }

    private record Holder(String agentId, String accountId) {
    }

    private Mono<Void> announce(String accountId, String agentId, boolean live) {
        return repository.status(agentId).flatMap(status -> bus.publish(new AgentStatusChanged(accountId, agentId, status, live)));
    }
}
