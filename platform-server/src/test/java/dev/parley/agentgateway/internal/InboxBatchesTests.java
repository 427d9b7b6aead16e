package dev.parley.agentgateway.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class InboxBatchesTests {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A worker that runs its tasks only when the test says so: frames pile up in between. */
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor held = tasks::add;
    private final TestPublisher<byte[]> source = TestPublisher.create();

    @Test
    void aFrameWaitingAloneGoesOnUnchangedAndAtOnce() {
        byte[] frame = frame(1);

        StepVerifier.create(InboxBatches.of(Flux.just(frame)))
                .assertNext(sent -> assertThat(sent).isSameAs(frame))
                .expectComplete().verify(WAIT);
    }

    @Test
    void framesWaitingTogetherGoAsOneBatchInOrder() {
        StepVerifier.create(InboxBatches.of(source.flux(), held))
                .then(() -> {
                    source.next(frame(1), frame(2), frame(3));
                    runTasks();
                })
                .assertNext(sent -> assertThat(events(sent)).containsExactly("1", "2", "3"))
                .then(() -> {
                    source.next(frame(4));
                    runTasks();
                })
                .assertNext(sent -> assertThat(json(sent).path("n").asString()).isEqualTo("4"))
                .thenCancel().verify(WAIT);
    }

    @Test
    void nothingIsSentBeyondTheConsolesDemandAndABatchCountsAsOne() {
        StepVerifier.create(InboxBatches.of(source.flux(), held), 0)
                .then(() -> {
                    source.next(frame(1), frame(2));
                    runTasks();
                })
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(1)
                .then(this::runTasks)
                .assertNext(sent -> assertThat(events(sent)).containsExactly("1", "2"))
                .then(() -> {
                    source.next(frame(3));
                    runTasks();
                })
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(1)
                .then(this::runTasks)
                .assertNext(sent -> assertThat(json(sent).path("n").asString()).isEqualTo("3"))
                .thenCancel().verify(WAIT);
    }

    @Test
    void aBatchHoldsAtMostMaxEventsAndTheRestFollow() {
        int count = InboxBatches.MAX_EVENTS + 6;
        StepVerifier.create(InboxBatches.of(source.flux(), held))
                .then(() -> {
                    IntStream.rangeClosed(1, count).forEach(i -> source.next(frame(i)));
                    runTasks();
                })
                .assertNext(sent -> assertThat(events(sent)).hasSize(InboxBatches.MAX_EVENTS).startsWith("1").endsWith("64"))
                .assertNext(sent -> assertThat(events(sent)).containsExactly("65", "66", "67", "68", "69", "70"))
                .thenCancel().verify(WAIT);
    }

    @Test
    void anErrorFollowsTheFramesTakenBeforeIt() {
        StepVerifier.create(InboxBatches.of(source.flux(), held))
                .then(() -> {
                    source.next(frame(1), frame(2));
                    source.error(new GatewayException("slow_consumer", "behind"));
                    runTasks();
                })
                .assertNext(sent -> assertThat(events(sent)).containsExactly("1", "2"))
                .expectErrorMessage("behind").verify(WAIT);
    }

    @Test
    void framesAreTakenAheadOfDemandOnlyUpToTheWindow() {
        StepVerifier.create(InboxBatches.of(source.flux(), held), 0)
                .then(() -> source.assertMinRequested(InboxBatches.WINDOW).assertMaxRequested(InboxBatches.WINDOW))
                .thenCancel().verify(WAIT);
    }

    @Test
    void aConsoleLeavingCancelsItsFeed() {
        StepVerifier.create(InboxBatches.of(source.flux(), held))
                .then(() -> source.next(frame(1)))
                .thenCancel().verify(WAIT);

        source.assertCancelled();
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    private static byte[] frame(int n) {
        return ("{\"type\":\"message\",\"n\":\"" + n + "\",\"body\":\"a \\\"quoted\\\" {brace]\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] frame) {
        return JSON.readTree(frame);
    }

    private static List<String> events(byte[] batch) {
        JsonNode frame = json(batch);
        assertThat(frame.path("type").asString()).isEqualTo("batch");
        return frame.path("events").valueStream().peek(e -> assertThat(e.path("body").asString()).isEqualTo("a \"quoted\" {brace]"))
                .map(e -> e.path("n").asString()).toList();
    }
}
