package dev.parley.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives the routing phase: uncounted warm-up bursts, each on an account of its own, then the
 * measured burst on another. A node compiles its routing path during its first bursts: after one
 * burst the C2 compiler thread still used about a core through the next ones (JFR's compilation
 * events, routing phase alone and after the chat phases alike), half of this 2-core machine, which
 * says nothing about a server that has run for a while. So warm-ups repeat, as the chat phase's
 * windows do, until one ran with the compiler under {@link Phases#COMPILER_SETTLED_CORES}, at most
 * as many as there are warm-up accounts. The first warm-up's rate is reported as the cold number,
 * and the compiler's share during the measured burst beside it.
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

    JsonNode run(List<Account> warmups, Account measured, int capacity, int extra) throws IOException, InterruptedException {
        try {
            List<Double> warmupRates = new ArrayList<>();
            double compilerCores = Double.MAX_VALUE;
            for (Account warmup : warmups) {
                JsonNode burst = burst(warmup, capacity, extra);
                compilerCores = burst.path("compilerCpuCores").asDouble();
                warmupRates.add(burst.path("assignedPerSecond").asDouble());
                Log.info("  warm-up burst (not counted): %,.0f assigned per second, JIT compiler %.2f cores",
                        burst.path("assignedPerSecond").asDouble(), compilerCores);
                if (compilerCores <= Phases.COMPILER_SETTLED_CORES) {
                    break;
                }
            }
            JsonNode burst = burst(measured, capacity, extra);
            ObjectNode result = (ObjectNode) loadGen.call(Map.of("cmd", "routing-result", "burst", burst.path("burst").asInt(),
                    "capacity", capacity), Duration.ofMinutes(2));
            result.put("compilerCpuCores", burst.path("compilerCpuCores").asDouble());
            result.put("warmupBursts", warmupRates.size());
            result.put("lastWarmupCompilerCpuCores", warmupRates.isEmpty() ? 0 : compilerCores);
            result.put("coldAssignedPerSecond", warmupRates.isEmpty() ? result.path("assignedPerSecond").asDouble() : warmupRates.get(0));
            return result;
        }
        finally {
            loadGen.call(Map.of("cmd", "routing-close"), Duration.ofMinutes(2));
        }
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
