package dev.parley.agentgateway.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.parley.clusterbus.BoundedSubscription;
import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;
import dev.parley.security.AgentPrincipal;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * This node's fan-out of account events to the consoles connected to it: one bus subscription per
 * account with a console here, and one decision per event of which consoles may see it. Each
 * console then gets only its own events, in a buffer of its own, so the work per event grows with
 * the consoles that see it, not with every console of the account, and a console is never counted
 * slow for events it would not have been sent.
 *
 * <p>The decisions of one account run up to {@link #CONCURRENT_DECISIONS} at a time and are
 * delivered in the bus's order (see {@link OrderedDecisions}). Thread-safe; nothing here blocks.
 */
final class InboxFeeds {

    /** Decisions that wait for a conversation read at once: enough to hide a read's latency at thousands of events a second. */
    static final int CONCURRENT_DECISIONS = 64;

    private final ClusterBus bus;
    private final Function<ClusterEvent, Mono<Predicate<AgentPrincipal>>> audiences;
    private final int consoleBuffer;
    private final int accountBuffer;
    private final Map<String, AccountFeed> feeds = new ConcurrentHashMap<>();

    /** {@code audiences} decides who may see an event (see {@link Audiences#of}); it must not block. */
    InboxFeeds(ClusterBus bus, Function<ClusterEvent, Mono<Predicate<AgentPrincipal>>> audiences, int consoleBuffer, int accountBuffer) {
        this.bus = bus;
        this.audiences = audiences;
        this.consoleBuffer = consoleBuffer;
        this.accountBuffer = accountBuffer;
    }

    /**
     * The events of the agent's account they may see, starting with {@link BusReady} and repeating
     * it after every bus recovery. Fails with {@code SlowSubscriberException} when this console lags
     * more than its buffer or the account's feed falls behind the bus, and with the error of a
     * decision that could not be made (a failed read); the console then reconnects and resumes.
     */
    Flux<ClusterEvent> follow(AgentPrincipal agent) {
        return BoundedSubscription.open(Topic.account(agent.accountId()), consoleBuffer,
                console -> join(agent, console), console -> leave(agent.accountId(), console));
    }

    /** How many accounts this node follows. */
    int accounts() {
        return feeds.size();
    }

    private void join(AgentPrincipal agent, BoundedSubscription console) {
        AccountFeed[] created = new AccountFeed[1];
        AccountFeed feed = feeds.compute(agent.accountId(), (id, current) -> {
            AccountFeed target = current != null ? current : (created[0] = new AccountFeed(id));
            target.consoles.put(console, agent);
            return target;
        });
        if (created[0] != null) {
            created[0].start();
        }
        else {
            feed.greet(console);
        }
    }

    private void leave(String accountId, BoundedSubscription console) {
        feeds.computeIfPresent(accountId, (id, feed) -> {
            if (feed.consoles.remove(console) == null || !feed.consoles.isEmpty()) {
                return feed;
            }
            feed.upstream.dispose();
            return null;
        });
    }

    /** One account's subscription on this node and the consoles it serves. */
    private final class AccountFeed {

        final String accountId;
        final Map<BoundedSubscription, AgentPrincipal> consoles = new ConcurrentHashMap<>();
        // Disposed by the last console's leave, possibly before start: a late start then disposes at once.
        final Disposable.Swap upstream = Disposables.swap();
        // Which bus readiness the consoles were told of; 0 until the bus confirmed the subscription.
        final AtomicLong epoch = new AtomicLong();

        AccountFeed(String accountId) {
            this.accountId = accountId;
        }

        void start() {
            upstream.update(bus.subscribe(Topic.account(accountId), accountBuffer).subscribeWith(
                    new OrderedDecisions(audiences, CONCURRENT_DECISIONS, this::dispatch, this::fail,
                            // Only a stopping bus ends a subscription; the consoles reconnect to a node that runs.
                            () -> fail(new GatewayException("retry_later", "The server is stopping; reconnect and resume")))));
        }

        /** A console joining a live feed starts at once: everything dispatched after its join reaches it. */
        void greet(BoundedSubscription console) {
            long current = epoch.get();
            if (current > 0) {
                console.ready(current);
            }
        }

        private void dispatch(ClusterEvent event, Predicate<AgentPrincipal> audience) {
            if (event instanceof BusReady) {
                long next = epoch.incrementAndGet();
                consoles.keySet().forEach(console -> console.ready(next));
                return;
            }
            consoles.forEach((console, agent) -> {
                if (audience.test(agent)) {
                    console.offer(event);
                }
            });
        }

        private void fail(Throwable error) {
            feeds.remove(accountId, this);
            consoles.keySet().forEach(console -> console.fail(error));
        }
    }
}
