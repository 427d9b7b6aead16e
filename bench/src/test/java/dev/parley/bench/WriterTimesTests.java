package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class WriterTimesTests {

    /**
     * Cumulative counts at 1, 2, 5 ms and +Inf for the wait; the stored commits likewise, followed
     * by a failed series (ten times the stored total) that a parser mixing the two would count.
     */
    private static String metrics(int w1, int w2, int w5, int wInf, int c1, int c2, int c5, int cInf) {
        return """
                # HELP parley_messages_waited_seconds Time a message waited for its batch to start committing
                parley_messages_waited_seconds_bucket{le="0.001"} %d.0
                parley_messages_waited_seconds_bucket{le="0.002"} %d.0
                parley_messages_waited_seconds_bucket{le="0.005"} %d.0
                parley_messages_waited_seconds_bucket{le="+Inf"} %d.0
                parley_messages_waited_seconds_count %4$d.0
                parley_messages_commit_seconds_bucket{outcome="stored",le="0.001"} %d.0
                parley_messages_commit_seconds_bucket{outcome="stored",le="0.002"} %d.0
                parley_messages_commit_seconds_bucket{outcome="stored",le="0.005"} %d.0
                parley_messages_commit_seconds_bucket{outcome="stored",le="+Inf"} %8$d.0
                parley_messages_commit_seconds_bucket{outcome="failed",le="0.001"} %8$d.0
                parley_messages_commit_seconds_bucket{outcome="failed",le="+Inf"} %8$d0.0
                jvm_memory_used_bytes{area="heap",id="eden"} 1.0
                """.formatted(w1, w2, w5, wInf, c1, c2, c5, cInf);
    }

    @Test
    void percentilesCountOnlyWhatWasRecordedBetweenTheTwoReadings() {
        // Before: 1,000 waits and 500 commits, all under 1 ms. In the window: 100 waits (90 under
        // 1 ms, 9 more under 2 ms, 1 under 5 ms) and 50 stored commits (40 under 2 ms, 10 under 5 ms).
        WriterTimes.Snapshot before = WriterTimes.parse(metrics(1000, 1000, 1000, 1000, 500, 500, 500, 500));
        WriterTimes.Snapshot after = WriterTimes.parse(metrics(1090, 1099, 1100, 1100, 500, 540, 550, 550));

        JsonNode times = WriterTimes.between(before, after);

        assertThat(times.path("posts").asLong()).isEqualTo(100);
        assertThat(times.path("batches").asLong()).as("failed commits are not counted").isEqualTo(50);
        assertThat(times.path("waitP50Ms").asDouble()).isEqualTo(1.0);
        assertThat(times.path("waitP99Ms").asDouble()).isEqualTo(2.0);
        assertThat(times.path("commitP50Ms").asDouble()).isEqualTo(2.0);
        assertThat(times.path("commitP99Ms").asDouble()).isEqualTo(5.0);
    }

    @Test
    void aWindowWithoutCommitsHasNoTimes() {
        WriterTimes.Snapshot same = WriterTimes.parse(metrics(1, 1, 1, 1, 1, 1, 1, 1));

        assertThat(WriterTimes.between(same, same).isEmpty()).isTrue();
        assertThat(WriterTimes.between(WriterTimes.parse(""), WriterTimes.parse("")).isEmpty()).isTrue();
    }
}
