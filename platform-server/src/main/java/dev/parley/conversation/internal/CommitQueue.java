package dev.parley.conversation.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The message writer's waiting posts, and which of them may commit now. One batch commits at a
 * time while that keeps up; when {@code parallelBacklog} posts are waiting behind it, more batches
 * commit side by side, up to {@code maxParallel}. Each transaction costs the database about the
 * same whatever its size, so a steady load is served by the fewest, fullest transactions, and only
 * a backlog pays for parallel ones.
 *
 * <p>Order: a batch takes the oldest waiting posts whose key (conversation) no running batch holds,
 * in arrival order, and holds their keys until {@link #finished}. Posts of one key therefore commit
 * in the order they arrived, never in two batches at once, while other keys pass them.
 *
 * <p>Thread-safe; every method is short and never waits.
 *
 * @param <T> a waiting post
 */
final class CommitQueue<T> {

    /**
     * How many batches' worth of waiting posts a batch passes over (their key is committing) before
     * it stops looking, so a long run of one busy conversation's posts costs each batch a bounded
     * scan; the posts behind that run wait for the next batch.
     */
    private static final int SCAN_BATCHES = 4;

    private final Function<T, String> key;
    private final int maxParallel;
    private final int maxBatch;
    private final int maxWaiting;
    private final int parallelBacklog;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private final Set<String> committing = new HashSet<>();
    private int running;

    CommitQueue(Function<T, String> key, int maxParallel, int maxBatch, int maxWaiting, int parallelBacklog) {
        this.key = key;
        this.maxParallel = maxParallel;
        this.maxBatch = maxBatch;
        this.maxWaiting = maxWaiting;
        this.parallelBacklog = parallelBacklog;
    }

    /** Queues a post; false, queueing nothing, when {@code maxWaiting} posts already wait. */
    synchronized boolean offer(T post) {
        if (waiting.size() >= maxWaiting) {
            return false;
        }
        waiting.addLast(post);
        return true;
    }

    /**
     * The batches to commit now, each non-empty and counted as running until {@link #finished}
     * is called with it; empty when none may start.
     */
    synchronized List<List<T>> start() {
        List<List<T>> batches = new ArrayList<>(1);
        while (!waiting.isEmpty() && (running == 0 || running < maxParallel && waiting.size() >= parallelBacklog)) {
            List<T> batch = take();
            if (batch.isEmpty()) {
                break;
            }
            running++;
            batches.add(batch);
        }
        return batches;
    }

    /** Ends a batch that {@link #start} gave, committed or not; its keys may commit again. */
    synchronized void finished(List<T> batch) {
        running--;
        for (T post : batch) {
            committing.remove(key.apply(post));
        }
    }

    private List<T> take() {
        List<T> batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
        Set<String> taken = new HashSet<>();
        List<T> passed = new ArrayList<>();
        int scanLimit = maxBatch * SCAN_BATCHES;
        T post;
        while (batch.size() < maxBatch && passed.size() < scanLimit && (post = waiting.pollFirst()) != null) {
            String k = key.apply(post);
            if (committing.contains(k)) {
                passed.add(post);
            }
            else {
                batch.add(post);
                taken.add(k);
            }
        }
        for (int i = passed.size() - 1; i >= 0; i--) {
            waiting.addFirst(passed.get(i));
        }
        committing.addAll(taken);
        return batch;
    }
}
