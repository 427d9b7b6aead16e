package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WindowsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode window(double p99ToAgent, double p99ToVisitor, long received, String errors) {
        return JSON.readTree("""
                {"rate":2000,"serverCpuCores":%1$s,
                 "toAgent":{"sent":1000,"received":1000,"p50Ms":1,"p99Ms":%1$s,"p999Ms":50},
                 "toVisitor":{"sent":1000,"received":%3$d,"p50Ms":1,"p99Ms":%2$s,"p999Ms":50},
                 "errors":%4$s}""".formatted(p99ToAgent, p99ToVisitor, received, errors));
    }

    @Test
    void theMedianWindowByItsWorseDirectionStands() {
        JsonNode median = Windows.median(List.of(window(40, 10, 1000, "{}"), window(10, 20, 1000, "{}"), window(5, 30, 1000, "{}")));

        assertThat(median.path("toVisitor").path("p99Ms").asDouble()).isEqualTo(30);
        assertThat(median.path("serverCpuCores").asDouble()).isEqualTo(5);
        assertThat(median.path("windowsP99Ms").toString()).isEqualTo("[40.0,20.0,30.0]");
        assertThat(Windows.note(median)).isEqualTo(" (median of 3 windows, worse p99 20.0–40.0 ms)");
    }

    @Test
    void ofAnEvenNumberTheWorseMiddleWindowStands() {
        JsonNode median = Windows.median(List.of(window(10, 1, 1000, "{}"), window(30, 1, 1000, "{}"), window(20, 1, 1000, "{}"),
                window(40, 1, 1000, "{}")));

        assertThat(median.path("toAgent").path("p99Ms").asDouble()).isEqualTo(30);
    }

    @Test
    void aMessageLostOrRefusedInAnyWindowShows() {
        JsonNode median = Windows.median(List.of(window(10, 1, 1000, "{\"rate_limited\":2}"), window(20, 1, 998, "{\"rate_limited\":1}"),
                window(30, 1, 1000, "{}")));

        assertThat(median.path("toAgent").path("p99Ms").asDouble()).isEqualTo(20);
        assertThat(median.path("toVisitor").path("sent").asLong()).isEqualTo(3000);
        assertThat(median.path("toVisitor").path("received").asLong()).isEqualTo(2998);
        assertThat(median.path("errors").path("rate_limited").asLong()).isEqualTo(3);
        assertThat(Phases.passes(median)).isFalse();
    }

    @Test
    void aSingleWindowIsAnsweredUnchanged() {
        JsonNode one = window(10, 20, 1000, "{}");

        assertThat(Windows.median(List.of(one))).isSameAs(one);
        assertThat(Windows.note(one)).isEmpty();
    }
}
