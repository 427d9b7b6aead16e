package dev.parley.conversation.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Posts are strings "conversation:n"; the key is the conversation. */
class CommitQueueTests {

    @Test
    void aFullQueueRefusesTheNextPost() {
        CommitQueue<String> queue = queue(1, 10, 2, 1);
        assertThat(queue.offer("a:1")).isTrue();
        assertThat(queue.offer("b:1")).isTrue();

        assertThat(queue.offer("c:1")).isFalse();
        assertThat(queue.start()).containsExactly(List.of("a:1", "b:1"));
    }

    @Test
    void aLonePostCommitsAtOnceAndASecondBatchWaitsForABacklog() {
        CommitQueue<String> queue = queue(2, 10, 100, 3);
        queue.offer("a:1");
        assertThat(queue.start()).containsExactly(List.of("a:1"));

        queue.offer("b:1");
        queue.offer("c:1");
        assertThat(queue.start()).as("two waiting, below the backlog of three").isEmpty();

        queue.offer("d:1");
        assertThat(queue.start()).containsExactly(List.of("b:1", "c:1", "d:1"));
    }

    @Test
    void noMoreBatchesRunThanAllowedWhateverTheBacklog() {
        CommitQueue<String> queue = queue(2, 1, 100, 1);
        for (String post : List.of("a:1", "b:1", "c:1", "d:1")) {
            queue.offer(post);
        }
        List<List<String>> first = queue.start();
        assertThat(first).containsExactly(List.of("a:1"), List.of("b:1"));
        assertThat(queue.start()).isEmpty();

        queue.finished(first.get(0));
        assertThat(queue.start()).containsExactly(List.of("c:1"));
    }

    @Test
    void aConversationsPostsWaitWhileItCommitsAndThenGoInArrivalOrder() {
        CommitQueue<String> queue = queue(2, 10, 100, 1);
        queue.offer("a:1");
        List<String> first = queue.start().get(0);

        queue.offer("a:2");
        queue.offer("b:1");
        queue.offer("a:3");
        assertThat(queue.start()).as("b passes a, which is committing").containsExactly(List.of("b:1"));

        queue.finished(first);
        assertThat(queue.start()).containsExactly(List.of("a:2", "a:3"));
    }

    @Test
    void aBatchTakesEveryPostOfItsConversationsInOrderUpToItsSize() {
        CommitQueue<String> queue = queue(1, 3, 100, 1);
        for (String post : List.of("a:1", "b:1", "a:2", "b:2", "a:3")) {
            queue.offer(post);
        }
        List<String> first = queue.start().get(0);
        assertThat(first).containsExactly("a:1", "b:1", "a:2");

        queue.finished(first);
        assertThat(queue.start()).containsExactly(List.of("b:2", "a:3"));
    }

    private static CommitQueue<String> queue(int parallel, int maxBatch, int maxWaiting, int backlog) {
        return new CommitQueue<>(post -> post.substring(0, post.indexOf(':')), parallel, maxBatch, maxWaiting, backlog);
    }
}
