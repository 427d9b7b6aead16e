package dev.parley.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import dev.parley.testing.WidgetSessions;

/**
 * Visitors and agents chatting through the cluster's nodes: each starts on the node its number
 * picks and reconnects to the next one in turn, as behind a load balancer without sticky sessions.
 * Every loop is bounded by {@link #stop}; {@link #quiesce} waits, bounded, until every send is
 * acknowledged and every client holds everything the database has. Test code.
 */
final class Traffic implements AutoCloseable {

    final Cluster cluster;
    final Cluster.Tenant tenant;
    final List<ChatVisitor> visitors = new ArrayList<>();
    final List<ChatAgent> agents = new ArrayList<>();
    final ScheduledExecutorService timers = Executors.newScheduledThreadPool(4);
    private final List<java.util.concurrent.ScheduledFuture<?>> loops = new ArrayList<>();

    Traffic(Cluster cluster, Cluster.Tenant tenant) {
        this.cluster = cluster;
        this.tenant = tenant;
    }

    /** Round robin over the nodes, starting at {@code first}: each reconnection goes to the next node. */
    IntSupplier rotating(int first, List<Integer> ports) {
        AtomicInteger next = new AtomicInteger(first);
        return () -> ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
    }

    List<Integer> nodePorts() {
        return cluster.nodes.stream().map(n -> n.port()).toList();
    }

    ChatAgent agent(int i, IntSupplier target) {
        ChatAgent agent = new ChatAgent(tenant.agents().get(i).displayName(), tenant.agents().get(i).id(), tenant.tokens().get(i), target, timers);
        agents.add(agent);
        agent.connect();
        return agent;
    }

    ChatVisitor visitor(String name, IntSupplier target) {
        int port = target.getAsInt();
        String token = WidgetSessions.newToken(cluster.http(port), tenant.site().siteKey(), Cluster.ORIGIN);
        ChatVisitor visitor = new ChatVisitor(name, token, tenant.site().siteKey(), Cluster.ORIGIN, target, timers);
        visitors.add(visitor);
        // The first connection goes where the session was made; the supplier already moved on.
        visitor.connect();
        return visitor;
    }

    /** Every visitor says something every {@code visitorEvery}, every agent replies every {@code agentEvery}. */
    void run(Duration visitorEvery, Duration agentEvery) {
        for (int i = 0; i < visitors.size(); i++) {
            ChatVisitor visitor = visitors.get(i);
            AtomicInteger said = new AtomicInteger();
            loops.add(timers.scheduleAtFixedRate(() -> visitor.say("Message " + said.incrementAndGet() + " from " + visitor.name),
                    i * 37L % visitorEvery.toMillis(), visitorEvery.toMillis(), TimeUnit.MILLISECONDS));
        }
        for (ChatAgent agent : agents) {
            loops.add(timers.scheduleAtFixedRate(agent::replyOnce, agentEvery.toMillis(), agentEvery.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** Stops saying new things; pending sends are still retried. */
    void stopTalking() {
        loops.forEach(loop -> loop.cancel(false));
        loops.clear();
        // Agents still retry unacknowledged replies.
        for (ChatAgent agent : agents) {
            loops.add(timers.scheduleAtFixedRate(agent::retryOnly, 500, 500, TimeUnit.MILLISECONDS));
        }
    }

    /** Waits until everything sent is acknowledged and every visitor holds its conversation's last seq. */
    void quiesce(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String missing = "";
        while (System.nanoTime() < deadline) {
            missing = pending();
            if (missing.isEmpty()) {
                return;
            }
            sleep(250);
        }
        throw new AssertionError("Not settled within " + timeout + ": " + missing);
    }

    private String pending() {
        for (ChatVisitor visitor : visitors) {
            if (!visitor.idle()) {
                return visitor.name + " has unacknowledged messages " + visitor.unacked.keySet();
            }
            if (visitor.conversationId == null) {
                return visitor.name + " has no conversation";
            }
            long last = lastSeq(visitor.conversationId);
            if (visitor.lastSeq() != last) {
                return visitor.name + " holds seq " + visitor.lastSeq() + " of " + last + (visitor.connected() ? "" : " (disconnected)");
            }
        }
        for (ChatAgent agent : agents) {
            if (agent.vanished) {
                // Its console is gone for good: what it never had acknowledged may or may not be stored.
                continue;
            }
            if (!agent.idle()) {
                return "unacknowledged replies " + agent.unacked.keySet() + " of " + agent.describe();
            }
            for (String conversationId : agent.mineNow()) {
                long last = lastSeq(conversationId);
                java.util.TreeSet<Long> held = agent.holds(conversationId);
                if (held.size() < last || (!held.isEmpty() && held.last() < last)) {
                    return "agent holds " + held.size() + " of " + last + " messages of " + conversationId + ": " + agent.describe();
                }
            }
        }
        return "";
    }

    private long lastSeq(String conversationId) {
        return cluster.db().sql("SELECT last_seq FROM conversations WHERE id = :id").bind("id", conversationId)
                .map(row -> ((Number) row.get("last_seq")).longValue()).one().block(Cluster.WAIT);
    }

    @Override
    public void close() {
        loops.forEach(loop -> loop.cancel(false));
        visitors.forEach(ChatVisitor::stop);
        agents.forEach(ChatAgent::stop);
        timers.shutdownNow();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
