package dev.parley.audit;

import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import dev.parley.audit.internal.AuditRepository;
import dev.parley.shared.Ids;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records admin actions and reads them back, always within one account.
 *
 * <p>Callers never pass secrets (tokens, passwords) in {@code details}: the log is shown to every
 * admin of the account and kept for as long as the account exists.
 */
@Service
public class AuditLog {

    /** Column sizes of {@code audit_log}; longer values are cut rather than failing the action. */
    private static final int MAX_ACTION = 64;
    private static final int MAX_TARGET_TYPE = 32;
    private static final int MAX_TARGET_ID = 64;

    private final AuditRepository repository;
    private final Clock clock;

    AuditLog(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Appends an entry to {@code accountId}'s log; completes once it is stored.
     *
     * @param actorId the acting agent, or null for the system
     * @param action what was done, such as {@code session.revoked}; required
     * @param details flat text pairs, or null or empty for none; pairs with a null key or value are left out
     */
    public Mono<Void> record(String accountId, String actorId, String action, String targetType, String targetId,
            Map<String, String> details) {
        if (accountId == null || action == null || action.isBlank()) {
            return Mono.error(new IllegalArgumentException("An audit entry needs an account and an action"));
        }
        AuditEntry entry = new AuditEntry(Ids.next(clock), accountId, actorId, cut(action, MAX_ACTION),
                cut(targetType, MAX_TARGET_TYPE), cut(targetId, MAX_TARGET_ID), copy(details), clock.instant());
        return repository.insert(entry);
    }

    /**
     * {@code accountId}'s entries, newest first: at most {@code limit}, starting after the entry
     * {@code beforeId} when it is given. An unknown or foreign {@code beforeId} gives nothing.
     */
    public Flux<AuditEntry> page(String accountId, String beforeId, int limit) {
        return repository.page(accountId, beforeId, limit);
    }

    /** Sorted, so equal details read the same in the log; pairs with a null side are left out. */
    private static Map<String, String> copy(Map<String, String> details) {
        Map<String, String> copy = new TreeMap<>();
        if (details != null) {
            details.forEach((key, value) -> {
                if (key != null && value != null) {
                    copy.put(key, value);
                }
            });
        }
        return Collections.unmodifiableMap(copy);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
