package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PhasesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode window(double p99ToAgent, long receivedToVisitor, String errors) {
        return JSON.readTree("""
                {"rate":5000,
                 "toAgent":{"sent":1000,"received":1000,"p99Ms":%s},
                 "toVisitor":{"sent":1000,"received":%d,"p99Ms":3.0},
                 "errors":%s}""".formatted(p99ToAgent, receivedToVisitor, errors));
    }

    @Test
    void aWindowWithP99AtTheLimitFails() {
        assertThat(Phases.passes(window(100.0, 1000, "{}"))).isFalse();
    }

    @Test
    void aWindowThatLostOneMessageFails() {
        assertThat(Phases.passes(window(4.0, 999, "{}"))).isFalse();
    }

    @Test
    void aWindowThatDeliveredAMessageTwiceFails() {
        JsonNode twice = JSON.readTree("""
                {"toAgent":{"sent":1000,"received":1000,"duplicates":1,"p99Ms":4.0},
                 "toVisitor":{"sent":1000,"received":1000,"duplicates":0,"p99Ms":3.0},"errors":{}}""");

        assertThat(Phases.passes(twice)).isFalse();
    }

    @Test
    void aWindowWithARefusalFails() {
        assertThat(Phases.passes(window(4.0, 1000, "{\"rate_limited\":1}"))).isFalse();
    }

    @Test
    void aWindowThatSentNothingFails() {
        JsonNode empty = JSON.readTree("""
                {"toAgent":{"sent":0,"received":0,"p99Ms":0},"toVisitor":{"sent":0,"received":0,"p99Ms":0},"errors":{}}""");

        assertThat(Phases.passes(empty)).isFalse();
    }

    @Test
    void aFastCompleteWindowPasses() {
        assertThat(Phases.passes(window(99.9, 1000, "{}"))).isTrue();
    }
}
