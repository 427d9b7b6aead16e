package dev.parley.routing.internal;

import dev.parley.storage.Deadlocks;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Runs work in a transaction that holds the account's routing lock, so changes to who holds which
 * chat happen one at a time per account on every node. Read committed, so the queue is read as it
 * is now and no gap locks couple routing to unrelated inserts; a deadlock or lock timeout, normal
 * under InnoDB, is retried.
 */
final class AccountLock {

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
                .retryWhen(Deadlocks.retry());
    }
}
