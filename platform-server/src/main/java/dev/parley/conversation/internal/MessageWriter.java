package dev.parley.conversation.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.ConversationException;
import dev.parley.conversation.ConversationException.Reason;
import dev.parley.conversation.MessagePosted;
import dev.parley.conversation.PostCommand;
import dev.parley.conversation.Posted;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * <p>Meters, for telling the database's share of a message's latency from the rest:
 * {@code parley.messages.waited}, how long each post waited for its batch to start, and
 * {@code parley.messages.commit}, how long each batch took from then to the database's answer
 * (retries included; tagged {@code outcome=stored} or {@code failed}), both as histograms.
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
    private final Clock clock;
    private final Timer waited;
    private final Timer stored;
    private final Timer failed;

    /**
     * {@code parallel} batches at most commit at once, the second once {@code parallelBacklog}
     * posts wait; at most {@code maxBatch} posts a batch and {@code maxPending} waiting. Times are
     * read from {@code meters}' clock.
     */
    MessageWriter(Committer committer, ClusterBus bus, MeterRegistry meters, int parallel, int maxBatch, int maxPending, int parallelBacklog) {
        this.committer = committer;
        this.bus = bus;
        this.clock = meters.config().clock();
        this.waited = histogram("parley.messages.waited", "Time a message waited for its batch to start committing").register(meters);
        this.stored = commits().tag("outcome", "stored").register(meters);
        this.failed = commits().tag("outcome", "failed").register(meters);
        this.queue = new CommitQueue<>(p -> p.command().conversationId(), parallel, maxBatch, maxPending, parallelBacklog);
    }

    /** Completes with the committed message, or fails with a {@link ConversationException} or the error of the command's guard. */
    public Mono<Posted> submit(PostCommand command) {
        return Mono.create(sink -> {
            if (!queue.offer(new Pending(command, sink, clock.monotonicTime()))) {
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

    private record Pending(PostCommand command, MonoSink<Posted> sink, long queuedAt) {
    }

    private static Timer.Builder commits() {
        return histogram("parley.messages.commit", "Time one batch of messages took to commit, from its start to the database's answer");
    }

    /**
     * Buckets from 100 µs, under a lone commit on a local disk, to 10 s, a database stalled far
     * beyond anything normal, so a scraper can compute any percentile across nodes.
     */
    private static Timer.Builder histogram(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10));
    }

    private Mono<Void> flush(List<Pending> batch) {
        long started = clock.monotonicTime();
        List<PostCommand> commands = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            commands.add(pending.command());
            waited.record(started - pending.queuedAt(), TimeUnit.NANOSECONDS);
        }
        return committer.commit(commands)
                .retryWhen(Retry.backoff(RETRIES, RETRY_BACKOFF)
                        .filter(e -> e instanceof TransientDataAccessException || e instanceof DataIntegrityViolationException))
                .doOnNext(outcomes -> stored.record(clock.monotonicTime() - started, TimeUnit.NANOSECONDS))
                // Acknowledge first: the sender learns its seq before anyone, itself included, sees the message.
                .doOnNext(outcomes -> complete(batch, outcomes))
                .flatMap(outcomes -> publish(outcomes).thenReturn(outcomes))
                .onErrorResume(e -> {
                    failed.record(clock.monotonicTime() - started, TimeUnit.NANOSECONDS);
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
