package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTests {

    @Test
    void aBodyHasTheAskedLengthAndCarriesItsIntendedTime() {
        String body = Latencies.body(123_456_789_012L, ChatRun.BODY_LENGTH);

        assertThat(body).hasSize(ChatRun.BODY_LENGTH);
        assertThat(Latencies.intendedIn("{\"type\":\"message\",\"body\":\"" + body + "\",\"seq\":4}")).isEqualTo(123_456_789_012L);
    }

    @Test
    void aFrameWithoutATimedBodyHasNoIntendedTime() {
        assertThat(Latencies.intendedIn("{\"type\":\"message\",\"body\":\"hello\"}")).isEqualTo(-1);
        assertThat(Latencies.intendedIn("{\"body\":\"T12")).isEqualTo(-1);
    }

    @Test
    void onlyMessagesIntendedInsideTheWindowCount() {
        Latencies latencies = new Latencies();
        latencies.window(1_000_000_000L, 2_000_000_000L);

        latencies.sent(500_000_000L);
        latencies.received(500_000_000L, 510_000_000L);
        latencies.sent(1_500_000_000L);
        latencies.received(1_500_000_000L, 1_502_000_000L);
        latencies.sent(2_000_000_000L);

        var summary = latencies.summary();
        assertThat(summary).containsEntry("sent", 1L).containsEntry("received", 1L);
        assertThat((double) summary.get("p99Ms")).isBetween(1.99, 2.01);
    }

    @Test
    void aMessageArrivingTwiceIsADuplicateNotASecondArrival() {
        Latencies latencies = new Latencies();
        latencies.window(1_000_000_000L, 2_000_000_000L);

        latencies.sent(1_500_000_000L);
        latencies.received(1_500_000_000L, 1_502_000_000L);
        latencies.received(1_500_000_000L, 1_900_000_000L);

        var summary = latencies.summary();
        assertThat(summary).containsEntry("received", 1L).containsEntry("duplicates", 1L);
        assertThat((double) summary.get("maxMs")).as("the late copy is not timed").isBetween(1.99, 2.01);
    }
}
