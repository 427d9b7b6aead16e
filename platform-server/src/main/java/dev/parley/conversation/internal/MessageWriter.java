package dev.parley.conversation.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.ConversationException;
import dev.parley.conversation.ConversationException.Reason;
import dev.parley.conversation.MessagePosted;
import dev.parley.conversation.PostCommand;
import dev.parley.conversation.Posted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.retry.Retry;

/**
 * Group commit for messages. Posts wait in one queue; a batch takes everything that queued while
 * the previous one was in flight and commits it in one transaction. At low load a post commits
 * alone at once; under load many share one transaction's round trips. A second batch (and more, up
 * to the configured parallel batches) commits beside the first only once a backlog waits behind it
 * ({@link CommitQueue}): parallel transactions split the same posts into more, smaller ones, and
 * each costs the database about the same whatever its size.
 *
 * <p>A post completes only after its batch committed, so an acknowledgement always means durable;
 * its {@link MessagePosted} is published right after. A conversation is in at most one committing
 * batch at a time, and its posts are taken in arrival order, so messages keep the order they
 * arrived in.
 *
 * <p>Thread-safe; {@link #submit} never blocks.
 */
public class MessageWriter {

    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

    /** Deadlocks and lock timeouts are retried this often before the posts fail as unavailable. */
    private static final int RETRIES = 3;
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(20);

    private final CommitQueue<Pending> queue;
    private final Committer committer;
    private final ClusterBus bus;

    /**
     * {@code parallel} batches at most commit at once, the second once {@code parallelBacklog}
     * posts wait; at most {@code maxBatch} posts a batch and {@code maxPending} waiting.
     */
    MessageWriter(Committer committer, ClusterBus bus, int parallel, int maxBatch, int maxPending, int parallelBacklog) {
        this.committer = committer;
        this.bus = bus;
        this.queue = new CommitQueue<>(p -> p.command().conversationId(), parallel, maxBatch, maxPending, parallelBacklog);
    }

    /** Completes with the committed message, or fails with a {@link ConversationException} or the error of the command's guard. */
    public Mono<Posted> submit(PostCommand command) {
        return Mono.create(sink -> {
            if (!queue.offer(new Pending(command, sink))) {
                sink.error(new ConversationException(Reason.OVERLOADED, "Too many messages are waiting to be stored"));
                return;
            }
            drain();
        });
    }

    private void drain() {
        for (List<Pending> batch : queue.start()) {
            flush(batch).doFinally(signal -> {
                queue.finished(batch);
                drain();
            }).subscribe();
        }
    }

    /** Commits one batch: one outcome per command, in order (as {@code BatchWriter.commit}). */
    interface Committer {
        Mono<List<Outcome>> commit(List<PostCommand> commands);
    }

    private record Pending(PostCommand command, MonoSink<Posted> sink) {
    }

    private Mono<Void> flush(List<Pending> batch) {
        List<PostCommand> commands = batch.stream().map(Pending::command).toList();
        return committer.commit(commands)
                .retryWhen(Retry.backoff(RETRIES, RETRY_BACKOFF)
                        .filter(e -> e instanceof TransientDataAccessException || e instanceof DataIntegrityViolationException))
                // Acknowledge first: the sender learns its seq before anyone, itself included, sees the message.
                .doOnNext(outcomes -> complete(batch, outcomes))
                .flatMap(outcomes -> publish(outcomes).thenReturn(outcomes))
                .onErrorResume(e -> {
                    Throwable cause = Exceptions.isRetryExhausted(e) && e.getCause() != null ? e.getCause() : e;
                    log.warn("Storing {} messages failed; their senders will retry: {}", batch.size(), cause.toString());
                    ConversationException unavailable = new ConversationException(Reason.UNAVAILABLE, "The message was not stored");
                    batch.forEach(p -> p.sink().error(unavailable));
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Void> publish(List<Outcome> outcomes) {
        List<MessagePosted> posted = new ArrayList<>(outcomes.size());
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Stored stored) {
                posted.add(new MessagePosted(stored.accountId(), stored.message()));
            }
        }
        return posted.isEmpty() ? Mono.empty() : bus.publishAll(posted);
    }

    private void complete(List<Pending> batch, List<Outcome> outcomes) {
        for (int i = 0; i < batch.size(); i++) {
            MonoSink<Posted> sink = batch.get(i).sink();
            Outcome outcome = outcomes.get(i);
            if (outcome instanceof Outcome.Stored stored) {
                sink.success(new Posted(stored.message(), false));
            }
            else if (outcome instanceof Outcome.Duplicate duplicate) {
                sink.success(new Posted(duplicate.message(), true));
            }
            else if (outcome instanceof Outcome.Refused refused) {
                sink.error(refused.error());
            }
        }
    }
}
