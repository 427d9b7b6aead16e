package dev.parley.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Routing throughput: agents go online with room for {@code agents × capacity} chats; then more
 * visitors than that start a conversation at once. Measured: how fast routing assigns them, and
 * that it keeps capacity (no agent above it, the surplus left waiting in the queue).
 *
 * <p>The driver runs bursts one after another, each on an account of its own: uncounted warm-ups
 * first, until the server's JIT compiler has settled, then the measured one (see
 * {@code dev.parley.bench.RoutingPhase}). A burst is prepared (agents signed in, visitors connected)
 * apart from being fired, so the driver can read the server's compiler time around the burst
 * alone. Every burst's sockets stay open until {@link #close}, so nothing of a warm-up (agents
 * going offline, chats requeued) runs during a later burst; their visitors ping every 25 seconds,
 * as the widget does, since the server closes a visitor silent for its idle timeout (75 s), and
 * the driver may wait longer than that for the node to settle between a burst's preparation and
 * its start. Commands come from the load generator's single command thread; the pings run on a
 * thread of their own.
 */
final class RoutingRun {

    private static final Duration STEP = Duration.ofSeconds(60);
    /** After the last expected assignment, how long to watch for one too many. */
    private static final long SETTLE_MILLIS = 3_000;

    private final List<Burst> bursts = new CopyOnWriteArrayList<>();

    RoutingRun() {
        Heartbeat.start("routing-pinger", () -> bursts.stream().map(burst -> burst.visitors).toList());
    }

    /** Signs the agents in and connects the visitors; returns the burst's number. */
    int prepare(ParleyRig.Target target, List<List<String>> logins, int capacity, int extra, Addresses addresses) {
        bursts.add(Burst.prepare(target, logins, capacity, extra, addresses));
        return bursts.size() - 1;
    }

    /** Starts every conversation of the burst at once; returns once the agents' room is filled (or after 3 minutes). */
    Map<String, Object> fire(int burst) throws InterruptedException {
        Burst b = bursts.get(burst);
        b.fire();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("assigned", b.assigned);
        answer.put("slots", b.slots);
        answer.put("seconds", b.seconds);
        answer.put("assignedPerSecond", b.perSecond());
        return answer;
    }

    /** Watches for assignments beyond the room, then answers the burst's whole result. */
    Map<String, Object> result(int burst, int capacity) throws InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        return bursts.get(burst).result(capacity);
    }

    void close() {
        bursts.forEach(Burst::close);
        bursts.clear();
    }

    /** One burst: its agents online, then every visitor starting a conversation at once. */
    private static final class Burst {

        final List<ParleyAgent> agents;
        final List<ParleyVisitor> visitors;
        final int slots;
        final long[] startedAt;
        final long[] assignedAt;
        final AtomicInteger counted = new AtomicInteger();
        int assigned;
        double seconds;
        long cpuNanos;

        private Burst(List<ParleyAgent> agents, List<ParleyVisitor> visitors, int slots) {
            this.agents = agents;
            this.visitors = visitors;
            this.slots = slots;
            this.startedAt = new long[visitors.size()];
            this.assignedAt = new long[visitors.size()];
        }

        static Burst prepare(ParleyRig.Target target, List<List<String>> logins, int capacity, int extra, Addresses addresses) {
            List<ParleyAgent> agents = ParleyAgent.signIn(target.port(), logins, addresses, event -> { }, end -> { });
            int slots = agents.size() * capacity;
            Http http = new Http(target.port());
            List<ParleyVisitor> visitors = Flux.range(0, slots + extra)
                    .flatMapSequential(i -> http.post("/api/v1/widget/sessions", target.origin(), Map.of("siteKey", target.siteKey()))
                            .flatMap(session -> ParleyVisitor.hello(target.port(), addresses.next(), target.siteKey(), target.origin(),
                                    session.path("token").asString(), null, 0, STEP)), 32)
                    .collectList().block(STEP.multipliedBy(5));
            return new Burst(agents, visitors, slots);
        }

        void fire() throws InterruptedException {
            long cpuBefore = Cpu.processNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < visitors.size(); i++) {
                int index = i;
                ParleyVisitor visitor = visitors.get(i);
                visitor.assigned(Duration.ofMinutes(3)).subscribe(name -> {
                    assignedAt[index] = System.nanoTime();
                    counted.incrementAndGet();
                }, e -> { });
                startedAt[i] = System.nanoTime();
                visitor.start(null, Duration.ofMinutes(3)).subscribe(null, e -> { });
            }
            long deadline = t0 + Duration.ofMinutes(3).toNanos();
            while (counted.get() < slots && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long lastExpected = Arrays.stream(assignedAt).filter(t -> t > 0).max().orElse(t0);
            cpuNanos = Cpu.processNanos() - cpuBefore;
            assigned = counted.get();
            seconds = (lastExpected - t0) / 1e9;
        }

        double perSecond() {
            return seconds > 0 ? Math.min(assigned, slots) / seconds : 0;
        }

        Map<String, Object> result(int capacity) {
            // Read again after the settle time: one assignment too many must show.
            assigned = counted.get();
            JsonNode roster = Http.JSON.readTree(agents.get(0).request("agents.roster", "{}").block(STEP));
            int maxOpen = 0;
            int totalOpen = 0;
            int over = 0;
            for (JsonNode agent : roster) {
                int open = agent.path("openChats").asInt();
                maxOpen = Math.max(maxOpen, open);
                totalOpen += open;
                over += open > capacity ? 1 : 0;
            }
            List<Long> waits = new ArrayList<>();
            for (int i = 0; i < startedAt.length; i++) {
                if (assignedAt[i] > 0) {
                    waits.add(assignedAt[i] - startedAt[i]);
                }
            }
            waits.sort(null);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("agents", agents.size());
            result.put("capacity", capacity);
            result.put("slots", slots);
            result.put("conversationsStarted", startedAt.length);
            result.put("assigned", assigned);
            result.put("seconds", seconds);
            result.put("assignedPerSecond", perSecond());
            result.put("waitP50Ms", percentile(waits, 50));
            result.put("waitP99Ms", percentile(waits, 99));
            result.put("rosterOpenChats", totalOpen);
            result.put("maxOpenChatsPerAgent", maxOpen);
            result.put("agentsOverCapacity", over);
            result.put("capacityKept", over == 0 && assigned <= slots && totalOpen <= slots);
            result.put("loadgenCpuCores", seconds > 0 ? cpuNanos / (seconds * 1e9) : 0);
            return result;
        }

        void close() {
            visitors.forEach(v -> v.socket.close());
            agents.forEach(ParleyAgent::close);
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1);
        return Math.round(sorted.get(Math.max(0, index)) / 1_000.0) / 1_000.0;
    }
}
