package dev.parley.transcript.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.parley.storage.Deadlocks;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Mono;

/**
 * The hourly limits on mailed transcripts, exact under concurrency. Counting a requester's mails of
 * the last hour and recording the new one run in one transaction that first locks a row of
 * {@code transcript_email_locks}, so two requests of the same requester, on any nodes, take turns
 * and the second sees the first's record. The lock rows are striped: the requester's id picks one
 * of {@link #STRIPES} rows, so the table stays small and holds no ids; requesters who share a
 * stripe only wait for each other's few milliseconds. Read committed, so the count sees every
 * committed record; a deadlock or lock timeout is retried.
 */
@Component
public class EmailQuota {

    /**
     * Lock rows. Transcript mails are rare and each transaction is a count and an insert, so even a
     * busy installation seldom has two requesters on one stripe at once; 64 keeps that rarer still.
     */
    static final int STRIPES = 64;

    private final TranscriptEmailRepository emails;
    private final TransactionalOperator tx;
    private final Set<Integer> ensured = ConcurrentHashMap.newKeySet();

    EmailQuota(TranscriptEmailRepository emails, ReactiveTransactionManager transactions) {
        this.emails = emails;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.tx = TransactionalOperator.create(transactions, definition);
    }

    /** One mailed transcript to record, counted against its requester's limit. */
    public record Mail(String id, String accountId, String conversationId, String requestedBy, String requesterId, Instant at) {
    }

    /**
     * Records {@code mail} when its requester had fewer than {@code limit} mails in the hour before
     * it; completes with whether it did, after the commit.
     */
    public Mono<Boolean> take(Mail mail, int limit) {
        int stripe = Math.floorMod(mail.requesterId().hashCode(), STRIPES);
        Mono<Void> ensure = ensured.contains(stripe) ? Mono.empty()
                : emails.ensureStripe(stripe).doOnSuccess(done -> ensured.add(stripe));
        Mono<Boolean> counted = emails.lockStripe(stripe)
                .then(Mono.defer(() -> emails.countSince(mail.requesterId(), mail.at().minus(Duration.ofHours(1)))))
                .flatMap(sent -> sent >= limit ? Mono.just(false)
                        : emails.insert(mail.id(), mail.accountId(), mail.conversationId(), mail.requestedBy(), mail.requesterId(), mail.at())
                                .thenReturn(true));
        return ensure.then(tx.transactional(counted))
                .retryWhen(Deadlocks.retry());
    }
}
