package dev.parley.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import dev.parley.agent.Agent;
import dev.parley.agent.Agents;
import dev.parley.security.SecurityProperties;
import dev.parley.shared.Ids;
import dev.parley.shared.Secrets;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Starts sessions and rotates their refresh tokens.
 *
 * <p>Each refresh retires the presented token and hands out a new pair. A retired token presented
 * again means two parties hold the session's tokens, one of them a thief: the session is ended,
 * so both lose it and the agent signs in again. Two refreshes racing with one token count as that
 * too; a client refreshes one request at a time.
 */
@Component
class SignIn {

    /** 32 random bytes: 256 bits, beyond guessing. */
    private static final int REFRESH_TOKEN_BYTES = 32;

    /** Longer than any token this class hands out (43 characters); refused without a look-up. */
    private static final int MAX_REFRESH_TOKEN_LENGTH = 128;

    /** Expired sessions and tokens are deleted at most this often per node. */
    private static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

    static final String REUSE = "refresh_token_reused";
    static final String DEACTIVATED = "agent_deactivated";

    private final SessionStore store;
    private final Revocations revocations;
    private final AccessTokens accessTokens;
    private final Agents agents;
    private final TransactionalOperator tx;
    private final Duration refreshLifetime;
    private final Clock clock;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.EPOCH);

    SignIn(SessionStore store, Revocations revocations, AccessTokens accessTokens, Agents agents, TransactionalOperator tx,
            SecurityProperties properties, Clock clock) {
        this.store = store;
        this.revocations = revocations;
        this.accessTokens = accessTokens;
        this.agents = agents;
        this.tx = tx;
        this.refreshLifetime = properties.refreshTokenLifetime();
        this.clock = clock;
    }

    /** A new session for an agent whose credentials were just checked. */
    Mono<IssuedTokens> start(Agent agent) {
        Instant now = clock.instant();
        String sessionId = Ids.next(clock);
        String refreshToken = Secrets.random(REFRESH_TOKEN_BYTES);
        Instant expiresAt = now.plus(refreshLifetime);
        Mono<Void> insert = store.insertSession(sessionId, agent.accountId(), agent.id(), now, expiresAt, false)
                .then(store.insertRefresh(Secrets.sha256(refreshToken), sessionId, now, expiresAt));
        return sweepNow(now).then(tx.transactional(insert)).then(issue(agent, sessionId, refreshToken));
    }

    /** A new pair for a valid, unused refresh token; empty for anything else, ending the session on reuse. */
    Mono<IssuedTokens> refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty() || refreshToken.length() > MAX_REFRESH_TOKEN_LENGTH) {
            return Mono.empty();
        }
        String hash = Secrets.sha256(refreshToken);
        Instant now = clock.instant();
        return store.findRefresh(hash).flatMap(found -> {
            SessionStore.Session session = new SessionStore.Session(found.sessionId(), found.accountId(), found.agentId(), found.sessionRevoked());
            if (found.used()) {
                return revocations.revoke(session, null, REUSE).then(Mono.empty());
            }
            if (found.sessionRevoked() || !found.expiresAt().isAfter(now)) {
                return Mono.empty();
            }
            return agents.find(found.accountId(), found.agentId())
                    .filter(Agent::active)
                    .switchIfEmpty(Mono.defer(() -> revocations.revoke(session, null, DEACTIVATED).then(Mono.empty())))
                    .flatMap(agent -> rotate(session, hash, now).flatMap(next -> next.isEmpty()
                            ? revocations.revoke(session, null, REUSE).then(Mono.<IssuedTokens>empty())
                            : issue(agent, session.id(), next)));
        });
    }

    /** The new refresh token, or "" when another use of the same token retired it first. */
    private Mono<String> rotate(SessionStore.Session session, String hash, Instant now) {
        String next = Secrets.random(REFRESH_TOKEN_BYTES);
        Instant expiresAt = now.plus(refreshLifetime);
        Mono<String> rotation = store.markUsed(hash, now).flatMap(updated -> updated == 0 ? Mono.just("")
                : store.insertRefresh(Secrets.sha256(next), session.id(), now, expiresAt)
                        .then(store.extendSession(session.id(), expiresAt))
                        .thenReturn(next));
        return tx.transactional(rotation);
    }

    private Mono<IssuedTokens> issue(Agent agent, String sessionId, String refreshToken) {
        return accessTokens.mint(agent, sessionId)
                .map(access -> new IssuedTokens(access, accessTokens.lifetimeSeconds(), refreshToken, agent));
    }

    private Mono<Void> sweepNow(Instant now) {
        Instant last = lastSweep.get();
        if (now.isBefore(last.plus(SWEEP_INTERVAL)) || !lastSweep.compareAndSet(last, now)) {
            return Mono.empty();
        }
        // A failed sweep is retried next hour; it never fails a sign-in.
        return store.sweep(now).onErrorResume(e -> Mono.empty());
    }
}
