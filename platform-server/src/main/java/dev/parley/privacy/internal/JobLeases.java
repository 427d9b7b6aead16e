package dev.parley.privacy.internal;

import java.time.Instant;

import dev.parley.shared.Times;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * One row per scheduled job in {@code job_leases}: a node may run the job while it holds the row's
 * unexpired lease. Taking it is one conditional update (or the first insert), which the database
 * applies to one node at a time.
 */
@Repository
public class JobLeases {

    private final DatabaseClient db;

    JobLeases(DatabaseClient db) {
        this.db = db;
    }

    /** Takes or extends the lease until {@code until}; completes with whether this holder has it. */
    public Mono<Boolean> acquire(String job, String holder, Instant now, Instant until) {
        return db.sql("UPDATE job_leases SET holder = :holder, expires_at = :until WHERE name = :name"
                        + " AND (expires_at < :now OR holder = :holder)")
                .bind("holder", holder)
                .bind("until", Times.toDb(until))
                .bind("name", job)
                .bind("now", Times.toDb(now))
                .fetch().rowsUpdated()
                .flatMap(n -> n > 0 ? Mono.just(true) : db.sql("INSERT INTO job_leases (name, holder, expires_at) VALUES (:name, :holder, :until)")
                        .bind("name", job)
                        .bind("holder", holder)
                        .bind("until", Times.toDb(until))
                        .then()
                        .thenReturn(true)
                        // Another node holds it (or took it first).
                        .onErrorResume(DataIntegrityViolationException.class, taken -> Mono.just(false)));
    }

    /** Ends the lease early, if this holder still has it, so the next run need not wait for it to expire. */
    public Mono<Void> release(String job, String holder) {
        return db.sql("DELETE FROM job_leases WHERE name = :name AND holder = :holder")
                .bind("name", job)
                .bind("holder", holder)
                .then();
    }
}
