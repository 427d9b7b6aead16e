package dev.parley.conversation.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Group commit for messages. Posts are spread over lanes by conversation; each lane commits one
 * batch at a time, taking everything that queued up while the previous batch was in flight. At low
 * load a post commits alone at once; under load many share one transaction's round trips.
 *
 * <p>A post completes only after its batch committed, so an acknowledgement always means durable;
 * its {@link MessagePosted} is published right after. One conversation always maps to the same lane, and a
 * lane's batches commit one after another, so messages keep the order they arrived in.
 *
 * <p>Thread-safe; {@link #submit} never blocks.
 */
public class MessageWriter {

    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

    /** Deadlocks and lock timeouts are retried this often before the posts fail as unavailable. */
    private static final int RETRIES = 3;
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(20);

    private final Lane[] lanes;
    private final BatchWriter writer;
    private final ClusterBus bus;
    private final int maxBatch;
    private final int maxPending;

    MessageWriter(BatchWriter writer, ClusterBus bus, int lanes, int maxBatch, int maxPending) {
        this.writer = writer;
        this.bus = bus;
        this.maxBatch = maxBatch;
        this.maxPending = maxPending;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane();
        }
    }

    /** Completes with the committed message, or fails with a {@link ConversationException} or the error of the command's guard. */
    public Mono<Posted> submit(PostCommand command) {
        return Mono.create(sink -> lanes[Math.floorMod(command.conversationId().hashCode(), lanes.length)]
                .offer(new Pending(command, sink)));
    }

    private record Pending(PostCommand command, MonoSink<Posted> sink) {
    }

    private final class Lane {

        private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();
        private final AtomicBoolean flushing = new AtomicBoolean();

        void offer(Pending pending) {
            if (size.incrementAndGet() > maxPending) {
                size.decrementAndGet();
                pending.sink().error(new ConversationException(Reason.OVERLOADED, "Too many messages are waiting to be stored"));
                return;
            }
            queue.offer(pending);
            drain();
        }

        private void drain() {
            // Loop: a post may arrive between polling an empty queue and clearing the flag.
            while (!queue.isEmpty() && flushing.compareAndSet(false, true)) {
                List<Pending> batch = new ArrayList<>(Math.min(maxBatch, size.get()));
                Pending next;
                while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                    batch.add(next);
                }
                size.addAndGet(-batch.size());
                if (batch.isEmpty()) {
                    flushing.set(false);
                    continue;
                }
                flush(batch).doFinally(signal -> {
                    flushing.set(false);
                    drain();
                }).subscribe();
                return;
            }
        }

        private Mono<Void> flush(List<Pending> batch) {
            List<PostCommand> commands = batch.stream().map(Pending::command).toList();
            return writer.commit(commands)
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
}
