package dev.parley.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.parley.audit.AuditLog;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.security.SecurityProperties;
import dev.parley.security.SessionRevoked;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ending sessions, and telling whether one has ended.
 *
 * <p>The database is the truth. Each node remembers answers briefly: "revoked" for good (a session
 * never comes back), "not revoked" for {@code revocationCacheTtl}, which bounds how long a
 * revocation made on another node goes unnoticed here. A revocation made on this node is seen here
 * at once, and is announced on the cluster bus ({@link SessionRevoked}) for connections to close.
 */
@Component
public class Revocations {

    /** Past this many remembered sessions the memory is cleared; it refills from the database. */
    private static final int MAX_REMEMBERED = 100_000;

    /** Longest id a session can have (the column's size); longer ones are not sessions. */
    private static final int MAX_SESSION_ID = 80;

    private final SessionStore store;
    private final ClusterBus bus;
    private final AuditLog audit;
    private final Clock clock;
    private final long ttlNanos;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    Revocations(SessionStore store, ClusterBus bus, AuditLog audit, Clock clock, SecurityProperties properties) {
        this.store = store;
        this.bus = bus;
        this.audit = audit;
        this.clock = clock;
        this.ttlNanos = properties.revocationCacheTtl().toNanos();
    }

    private record Known(boolean revoked, long checkedAt) {
    }

    /**
     * Whether the session has ended. A local session the database does not know counts as ended; a
     * provider token's session ({@link OidcTokens#SESSION_PREFIX}) has ended only when signed out.
     */
    public Mono<Boolean> isRevoked(String sessionId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > MAX_SESSION_ID) {
            return Mono.just(true);
        }
        Known cached = known.get(sessionId);
        if (cached != null && (cached.revoked() || System.nanoTime() - cached.checkedAt() < ttlNanos)) {
            return Mono.just(cached.revoked());
        }
        return store.findSession(sessionId)
                .map(SessionStore.Session::revoked)
                .defaultIfEmpty(!sessionId.startsWith(OidcTokens.SESSION_PREFIX))
                .doOnNext(revoked -> remember(sessionId, revoked));
    }

    /**
     * Ends {@code session}; completes with false when it had ended already. An entry goes to the
     * audit log when someone other than the session's agent ended it, or the system did for a
     * {@code reason}.
     */
    public Mono<Boolean> revoke(SessionStore.Session session, String actorId, String reason) {
        return store.revoke(session.id(), clock.instant())
                .flatMap(updated -> updated == 0 ? Mono.just(false)
                        : announce(session, actorId, reason).thenReturn(true));
    }

    /** Ends the session of a provider's token, which has no row until now; signing out twice is harmless. */
    public Mono<Void> revokeForeign(SessionStore.Session session, Instant expiresAt) {
        Instant now = clock.instant();
        return store.insertSession(session.id(), session.accountId(), session.agentId(), now, expiresAt.isAfter(now) ? expiresAt : now, true)
                .then(announce(session, null, null))
                .onErrorResume(DataIntegrityViolationException.class, signedOutBefore -> Mono.empty());
    }

    private Mono<Void> announce(SessionStore.Session session, String actorId, String reason) {
        remember(session.id(), true);
        Mono<Void> record = Mono.empty();
        if (reason != null || (actorId != null && !actorId.equals(session.agentId()))) {
            Map<String, String> details = new TreeMap<>();
            details.put("agentId", session.agentId());
            if (reason != null) {
                details.put("reason", reason);
            }
            record = audit.record(session.accountId(), actorId, "session.revoked", "session", session.id(), details);
        }
        return record.then(bus.publish(new SessionRevoked(session.accountId(), session.agentId(), session.id())));
    }

    private void remember(String sessionId, boolean revoked) {
        if (known.size() >= MAX_REMEMBERED) {
            known.clear();
        }
        // A revocation is never overwritten by an older "not revoked" answer racing with it.
        known.compute(sessionId, (id, before) -> before != null && before.revoked() ? before : new Known(revoked, System.nanoTime()));
    }
}
