package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RoutingPhaseTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ObjectNode burst(double rate, double waitP99, boolean kept, int maxOpen, double compiler) {
        return burst(rate, waitP99, kept, maxOpen, compiler, 1000);
    }

    private static ObjectNode burst(double rate, double waitP99, boolean kept, int maxOpen, double compiler, int assigned) {
        return (ObjectNode) JSON.readTree("""
                {"assignedPerSecond":%s,"waitP99Ms":%s,"capacityKept":%s,"maxOpenChatsPerAgent":%d,"agentsOverCapacity":%d,"compilerCpuCores":%s,
                 "assigned":%d,"slots":1000}"""
                .formatted(rate, waitP99, kept, maxOpen, kept ? 0 : 1, compiler, assigned));
    }

    @Test
    void theMedianBurstStandsForThePhaseWithEveryRateInTheOrderRun() {
        ObjectNode summary = RoutingPhase.summary(List.of(burst(960, 900, true, 10, 0.1), burst(689, 1300, true, 10, 0.2),
                burst(798, 1100, true, 10, 0.05)));

        assertThat(summary.path("assignedPerSecond").asDouble()).isEqualTo(798);
        assertThat(summary.path("waitP99Ms").asDouble()).isEqualTo(1100);
        assertThat(summary.path("measuredRates").toString()).isEqualTo("[960.0,689.0,798.0]");
        assertThat(summary.path("compilerCpuCores").asDouble()).isEqualTo(0.2);
    }

    @Test
    void ofAnEvenNumberTheSlowerMiddleBurstStands() {
        ObjectNode summary = RoutingPhase.summary(List.of(burst(900, 1, true, 10, 0), burst(700, 1, true, 10, 0),
                burst(800, 1, true, 10, 0), burst(1000, 1, true, 10, 0)));

        assertThat(summary.path("assignedPerSecond").asDouble()).isEqualTo(800);
    }

    @Test
    void capacityBrokenInAnyBurstIsBrokenForThePhase() {
        ObjectNode summary = RoutingPhase.summary(List.of(burst(800, 1, true, 10, 0), burst(700, 1, true, 10, 0),
                burst(1200, 1, false, 11, 0)));

        assertThat(summary.path("assignedPerSecond").asDouble()).isEqualTo(800);
        assertThat(summary.path("capacityKept").asBoolean()).isFalse();
        assertThat(summary.path("maxOpenChatsPerAgent").asInt()).isEqualTo(11);
        assertThat(summary.path("agentsOverCapacity").asInt()).isEqualTo(1);
    }

    @Test
    void aBurstThatLeftChatsUnassignedLeavesThePhaseUnfilledAndSaysHowMany() {
        ObjectNode unfilled = burst(900, 1, true, 10, 0, 640);
        ObjectNode summary = RoutingPhase.summary(List.of(burst(800, 1, true, 10, 0), unfilled, burst(700, 1, true, 10, 0)));

        assertThat(summary.path("roomFilled").asBoolean()).isFalse();
        assertThat(RoutingPhase.unfilled(unfilled)).isEqualTo("; only 640 of 1,000 chats assigned within 3 minutes");
        assertThat(RoutingPhase.unfilled(burst(800, 1, true, 10, 0))).isEmpty();
        assertThat(RoutingPhase.summary(List.of(burst(800, 1, true, 10, 0), burst(700, 1, true, 10, 0))).path("roomFilled").asBoolean())
                .isTrue();
    }
}
