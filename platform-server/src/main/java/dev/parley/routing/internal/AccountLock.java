package dev.parley.routing.internal;

import java.time.Duration;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Runs work in a transaction that holds the account's routing lock, so changes to who holds which
 * chat happen one at a time per account on every node. Read committed, so the queue is read as it
 * is now and no gap locks couple routing to unrelated inserts; a deadlock or lock timeout, normal
 * under InnoDB, is retried.
 */
final class AccountLock {

    /** Deadlocks resolve at once; a few quick retries ride out any realistic pile-up. */
    private static final int RETRIES = 3;
    private static final Duration BACKOFF = Duration.ofMillis(25);

    private final RoutingLocks locks;
    private final TransactionalOperator tx;

    /** {@code tx} must run read committed (the priority pool's do). */
    AccountLock(RoutingLocks locks, TransactionalOperator tx) {
        this.locks = locks;
        this.tx = tx;
    }

    /** {@code work} inside the lock; completes after commit. */
    <T> Mono<T> run(String accountId, Mono<T> work) {
        return locks.ensureLockRow(accountId)
                .then(tx.transactional(locks.lockAccount(accountId).then(Mono.defer(() -> work))))
                .retryWhen(Retry.backoff(RETRIES, BACKOFF).filter(TransientDataAccessException.class::isInstance));
    }
}
