package dev.parley.storage;

import java.time.Duration;

import org.springframework.dao.TransientDataAccessException;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * The retry for database work InnoDB chose as a deadlock victim or timed out on a lock: normal
 * under concurrent writers, and the failed statement or transaction left nothing behind. Only for
 * work that may run again: a whole transaction, or a statement whose second run changes nothing
 * more. When the retries run out, the last error is passed on as it was.
 */
public final class Deadlocks {

    /** Deadlocks resolve at once; a few quick retries ride out any realistic pile-up. */
    static final int RETRIES = 3;
    static final Duration BACKOFF = Duration.ofMillis(25);

    private Deadlocks() {
    }

    public static RetryBackoffSpec retry() {
        return Retry.backoff(RETRIES, BACKOFF).filter(TransientDataAccessException.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }
}
