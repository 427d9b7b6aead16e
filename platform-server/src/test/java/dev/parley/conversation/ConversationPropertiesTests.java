package dev.parley.conversation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConversationPropertiesTests {

    @Test
    void aNegativeLaneCountIsRefusedAtStartUp() {
        assertThatIllegalArgumentException().isThrownBy(() -> lanes(-1)).withMessageContaining("writer-lanes");
    }

    @Test
    void aParallelBacklogBelowOneIsRefusedAtStartUp() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(ConversationProperties.DEFAULT_WRITER_LANES, 0))
                .withMessageContaining("writer-parallel-backlog");
    }

    @Test
    void byDefaultANodeRunsOneWriterLanePerCore() {
        assertThat(lanes(ConversationProperties.DEFAULT_WRITER_LANES).lanes()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aConfiguredLaneCountIsKept() {
        assertThat(lanes(7).lanes()).isEqualTo(7);
    }

    private static ConversationProperties lanes(int lanes) {
        return properties(lanes, ConversationProperties.DEFAULT_WRITER_PARALLEL_BACKLOG);
    }

    private static ConversationProperties properties(int lanes, int parallelBacklog) {
        return new ConversationProperties(lanes, ConversationProperties.DEFAULT_WRITER_MAX_BATCH,
                ConversationProperties.DEFAULT_WRITER_MAX_PENDING, parallelBacklog, ConversationProperties.DEFAULT_RESUME_MAX_MESSAGES,
                ConversationProperties.DEFAULT_HISTORY_MAX_PAGE);
    }
}
