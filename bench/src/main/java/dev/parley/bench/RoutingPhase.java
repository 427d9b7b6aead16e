package dev.parley.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives the routing phase: uncounted warm-up bursts, each on an account of its own, then the
 * measured bursts, each on another. One burst's rate moved by a quarter from one burst to the next
 * on this shared machine (three warm-ups of one run assigned 689, 798 and 960 a second, same
 * code), so the phase reports the median burst and the range of all of them, not one sample.
 *
 * <p>A node compiles its routing path during its first bursts: after one burst the C2 compiler
 * thread still used about a core through the next ones (JFR's compilation events, routing phase
 * alone and after the chat phases alike), half of this 2-core machine, which says nothing about a
 * server that has run for a while. So warm-ups repeat, as the chat phase's windows do, until one
 * ran with the compiler under {@link Phases#COMPILER_SETTLED_CORES}, at most as many as there are
 * warm-up accounts. The first warm-up's rate is reported as the cold number, and the compiler's
 * highest share during a measured burst beside it.
 */
final class RoutingPhase {

    private static final Duration BURST_TIMEOUT = Duration.ofMinutes(10);

    private final LoadGenClient loadGen;

    RoutingPhase(LoadGenClient loadGen) {
        this.loadGen = loadGen;
    }

    /** A burst's account: its site (through {@code sut}) and its agents' logins. */
    record Account(Sut sut, List<Map<String, String>> agents) {
    }

    /** Runs the warm-ups, then one burst per {@code measured} account; answers {@link #summary} of the measured ones. */
    JsonNode run(List<Account> warmups, List<Account> measured, int capacity, int extra) throws IOException, InterruptedException {
        try {
            List<Double> warmupRates = new ArrayList<>();
            double compilerCores = Double.MAX_VALUE;
            for (Account warmup : warmups) {
                JsonNode burst = burst(warmup, capacity, extra);
                compilerCores = burst.path("compilerCpuCores").asDouble();
                warmupRates.add(burst.path("assignedPerSecond").asDouble());
                Log.info("  warm-up burst (not counted): %,.0f assigned per second, JIT compiler %.2f cores%s",
                        burst.path("assignedPerSecond").asDouble(), compilerCores, unfilled(burst));
                if (compilerCores <= Phases.COMPILER_SETTLED_CORES) {
                    break;
                }
            }
            List<ObjectNode> bursts = new ArrayList<>();
            for (Account account : measured) {
                JsonNode burst = burst(account, capacity, extra);
                ObjectNode result = (ObjectNode) loadGen.call(Map.of("cmd", "routing-result", "burst", burst.path("burst").asInt(),
                        "capacity", capacity), Duration.ofMinutes(2));
                result.put("compilerCpuCores", burst.path("compilerCpuCores").asDouble());
                bursts.add(result);
                Log.info("  measured burst %d of %d: %,.0f assigned per second, JIT compiler %.2f cores%s", bursts.size(), measured.size(),
                        result.path("assignedPerSecond").asDouble(), result.path("compilerCpuCores").asDouble(), unfilled(burst));
            }
            ObjectNode result = summary(bursts);
            result.put("warmupBursts", warmupRates.size());
            result.put("lastWarmupCompilerCpuCores", warmupRates.isEmpty() ? 0 : compilerCores);
            result.put("coldAssignedPerSecond", warmupRates.isEmpty() ? bursts.get(0).path("assignedPerSecond").asDouble() : warmupRates.get(0));
            return result;
        }
        finally {
            loadGen.call(Map.of("cmd", "routing-close"), Duration.ofMinutes(2));
        }
    }

    /** Whether the burst assigned every slot within its 3 minutes: if not, its rate is not routing's. */
    static boolean filled(JsonNode burst) {
        return burst.path("assigned").asInt() >= burst.path("slots").asInt();
    }

    /** Empty when the burst filled every slot, else how many of them it did. */
    static String unfilled(JsonNode burst) {
        return filled(burst) ? "" : String.format(java.util.Locale.ROOT, "; only %,d of %,d chats assigned within 3 minutes",
                burst.path("assigned").asInt(), burst.path("slots").asInt());
    }

    /**
     * The median burst by rate (of an even number, the slower of the middle two) with every burst's
     * rate in {@code measuredRates}, in the order run. Capacity counts as kept only if every burst
     * kept it, and the most chats one agent held (and agents over capacity) is the most of any
     * burst: a limit broken once is broken. Likewise the room counts as filled only if every burst
     * assigned all its slots. The compiler's share is the highest of any burst.
     */
    static ObjectNode summary(List<ObjectNode> bursts) {
        List<ObjectNode> byRate = new ArrayList<>(bursts);
        byRate.sort(Comparator.comparingDouble(b -> b.path("assignedPerSecond").asDouble()));
        ObjectNode result = byRate.get((byRate.size() - 1) / 2).deepCopy();
        ArrayNode rates = result.putArray("measuredRates");
        bursts.forEach(b -> rates.add(b.path("assignedPerSecond").asDouble()));
        result.put("capacityKept", bursts.stream().allMatch(b -> b.path("capacityKept").asBoolean()));
        result.put("roomFilled", bursts.stream().allMatch(RoutingPhase::filled));
        result.put("maxOpenChatsPerAgent", bursts.stream().mapToInt(b -> b.path("maxOpenChatsPerAgent").asInt()).max().orElse(0));
        result.put("agentsOverCapacity", bursts.stream().mapToInt(b -> b.path("agentsOverCapacity").asInt()).max().orElse(0));
        result.put("compilerCpuCores", bursts.stream().mapToDouble(b -> b.path("compilerCpuCores").asDouble()).max().orElse(0));
        return result;
    }

    /** Prepares and fires one burst; answers its rate, number and the compiler's cores during the burst alone. */
    private JsonNode burst(Account account, int capacity, int extra) throws IOException, InterruptedException {
        Map<String, Object> prepare = Phases.command("routing-prepare", account.sut());
        prepare.put("agents", account.agents());
        prepare.put("capacity", capacity);
        prepare.put("extra", extra);
        int number = loadGen.call(prepare, BURST_TIMEOUT).path("burst").asInt();
        Phases.awaitQuiet(account.sut());
        Map<String, Object> fire = new LinkedHashMap<>();
        fire.put("cmd", "routing-fire");
        fire.put("burst", number);
        double compiler = account.sut().compilerCpuSeconds();
        long wall = System.nanoTime();
        ObjectNode answer = (ObjectNode) loadGen.call(fire, BURST_TIMEOUT);
        double elapsed = (System.nanoTime() - wall) / 1e9;
        answer.put("burst", number);
        answer.put("compilerCpuCores", Math.round((account.sut().compilerCpuSeconds() - compiler) / elapsed * 100) / 100.0);
        return answer;
    }
}
