package dev.parley.storage;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import reactor.core.Exceptions;

/**
 * Tells a failure caused by the database being out of reach (a cut connection, an exhausted pool, a
 * timeout) from a fault: gateways answer the first with "retry later", the second with an internal
 * error.
 */
public final class DatabaseOutages {

    private DatabaseOutages() {
    }

    /**
     * Whether the failure, or anything it wraps, says the database was out of reach. The cause chain
     * counts because a cut connection can surface wrapped (a shared read's or a pool's exception) or
     * untranslated (a driver error raised outside Spring's DatabaseClient, e.g. on release). A
     * composite of several failures (an operator that delays errors) counts when each of them does.
     */
    public static boolean isOutage(Throwable failure) {
        if (Exceptions.isMultiple(failure)) {
            var all = Exceptions.unwrapMultiple(failure);
            return !all.isEmpty() && all.stream().allMatch(DatabaseOutages::isOutage);
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof CannotCreateTransactionException || t instanceof R2dbcNonTransientResourceException
                    || t instanceof R2dbcTransientException) {
                return true;
            }
        }
        return false;
    }
}
