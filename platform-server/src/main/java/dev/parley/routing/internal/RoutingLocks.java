package dev.parley.routing.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * SQL for the accounts' routing lock rows, one per account in {@code routing_locks}, which
 * {@link AccountLock} locks for the length of a transaction. Every value is bound.
 */
final class RoutingLocks {

    private final DatabaseClient db;
    /** Accounts whose row is known to exist: from the second lock on, no insert is tried. */
    private final Set<String> lockRows = ConcurrentHashMap.newKeySet();

    /** {@code db} is the priority pool's: see {@link dev.parley.storage.PriorityDatabase}. */
    RoutingLocks(DatabaseClient db) {
        this.db = db;
    }

    /** Creates the account's lock row if it is missing; outside any transaction, so two creators cannot deadlock. */
    Mono<Void> ensureLockRow(String accountId) {
        return lockRows.contains(accountId) ? Mono.empty()
                : db.sql("INSERT INTO routing_locks (account_id) VALUES (:account)").bind("account", accountId).then()
                        .onErrorResume(DataIntegrityViolationException.class, exists -> Mono.empty())
                        .doOnSuccess(done -> lockRows.add(accountId));
    }

    /** Serialises every change of who holds which chat in this account until the transaction ends. */
    Mono<Void> lockAccount(String accountId) {
        return db.sql("SELECT account_id FROM routing_locks WHERE account_id = :account FOR UPDATE")
                .bind("account", accountId).fetch().all().then();
    }
}
