package dev.parley.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Routing throughput: agents go online with room for {@code agents × capacity} chats; then more
 * visitors than that start a conversation at once. Measured: how fast routing assigns them, and
 * that it keeps capacity (no agent above it, the surplus left waiting in the queue).
 *
 * <p>The measured burst follows an uncounted warm-up burst of the same size on another account,
 * as the chat phases follow warm-up traffic: the first burst a node ever sees is mostly spent
 * compiling the routing path (JIT logs showed more compile time than wall time), which says
 * nothing about a server that has run for a minute. The warm-up's own rate is reported as the
 * cold number. Both bursts' sockets stay open until the end, so nothing of the warm-up (agents
 * going offline, chats requeued) runs during the measured burst.
 */
final class RoutingRun {

    private static final Duration STEP = Duration.ofSeconds(60);
    /** After the last expected assignment, how long to watch for one too many. */
    private static final long SETTLE_MILLIS = 3_000;

    private RoutingRun() {
    }

    static Map<String, Object> run(ParleyRig.Target warmup, List<List<String>> warmupLogins, ParleyRig.Target target,
            List<List<String>> logins, int capacity, int extra, Addresses addresses) throws InterruptedException {
        Burst cold = Burst.run(warmup, warmupLogins, capacity, extra, addresses);
        try {
            Burst burst = Burst.run(target, logins, capacity, extra, addresses);
            try {
                Map<String, Object> result = burst.result(capacity);
                result.put("coldAssignedPerSecond", cold.perSecond());
                return result;
            }
            finally {
                burst.close();
            }
        }
        finally {
            cold.close();
        }
    }

    /** One burst: its agents online, then every visitor starting a conversation at once. */
    private record Burst(List<ParleyAgent> agents, List<ParleyVisitor> visitors, int slots, long[] startedAt, long[] assignedAt,
            int assigned, double seconds, long cpuNanos) {

        static Burst run(ParleyRig.Target target, List<List<String>> logins, int capacity, int extra, Addresses addresses)
                throws InterruptedException {
            List<ParleyAgent> agents = ParleyAgent.signIn(target.port(), logins, addresses, event -> { }, end -> { });
            int slots = agents.size() * capacity;
            int count = slots + extra;
            Http http = new Http(target.port());
            List<ParleyVisitor> visitors = Flux.range(0, count)
                    .flatMapSequential(i -> http.post("/api/v1/widget/sessions", target.origin(), Map.of("siteKey", target.siteKey()))
                            .flatMap(session -> ParleyVisitor.hello(target.port(), addresses.next(), target.siteKey(), target.origin(),
                                    session.path("token").asString(), null, 0, STEP)), 32)
                    .collectList().block(STEP.multipliedBy(5));
            long[] startedAt = new long[count];
            long[] assignedAt = new long[count];
            AtomicInteger assigned = new AtomicInteger();
            long cpuBefore = Cpu.processNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                int index = i;
                ParleyVisitor visitor = visitors.get(i);
                visitor.assigned(Duration.ofMinutes(3)).subscribe(name -> {
                    assignedAt[index] = System.nanoTime();
                    assigned.incrementAndGet();
                }, e -> { });
                startedAt[i] = System.nanoTime();
                visitor.start(null, Duration.ofMinutes(3)).subscribe(null, e -> { });
            }
            long deadline = t0 + Duration.ofMinutes(3).toNanos();
            while (assigned.get() < slots && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long lastExpected = Arrays.stream(assignedAt).filter(t -> t > 0).max().orElse(t0);
            long cpu = Cpu.processNanos() - cpuBefore;
            Thread.sleep(SETTLE_MILLIS);
            return new Burst(agents, visitors, slots, startedAt, assignedAt, assigned.get(), (lastExpected - t0) / 1e9, cpu);
        }

        double perSecond() {
            return seconds > 0 ? Math.min(assigned, slots) / seconds : 0;
        }

        Map<String, Object> result(int capacity) {
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
