package dev.parley.agent;

import java.time.Clock;
import java.util.Locale;

import dev.parley.agent.internal.AgentRepository;
import dev.parley.shared.Ids;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Agents and their credentials.
 *
 * <p>Password hashing is deliberately slow, so it runs on the bounded-elastic scheduler, never on
 * an event loop. Lookups complete empty when nothing matches, including ids of another account.
 */
@Service
public class Agents {

    /**
     * A hash to verify against when the email is unknown, so that an unknown email costs as much
     * time as a wrong password and timing does not reveal which agents exist.
     */
    private final Mono<String> decoyHash;

    /** 32 random bytes: 256 bits, beyond guessing. */
    private static final int INVITATION_TOKEN_BYTES = 32;

    private final AgentRepository repository;
    private final dev.parley.agent.internal.InvitationRepository invitations;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final java.time.Duration invitationLifetime;

    Agents(AgentRepository repository, dev.parley.agent.internal.InvitationRepository invitations, PasswordEncoder passwordEncoder,
            Clock clock, AgentProperties properties) {
        this.repository = repository;
        this.invitations = invitations;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.invitationLifetime = properties.invitationLifetime();
        this.decoyHash = Mono.fromCallable(() -> passwordEncoder.encode("decoy-" + Ids.next()))
                .subscribeOn(Schedulers.boundedElastic())
                .cache();
    }

    public Mono<Agent> create(String accountId, AgentDraft draft) {
        Agent agent = new Agent(Ids.next(clock), accountId, normalizeEmail(draft.email()), draft.displayName(),
                draft.role(), draft.capacityOverride(), null, true, clock.instant());
        Mono<String> hash = draft.password() == null ? Mono.empty()
                : Mono.fromCallable(() -> passwordEncoder.encode(draft.password())).subscribeOn(Schedulers.boundedElastic());
        return hash.map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(h -> repository.insert(agent, h.orElse(null)))
                .thenReturn(agent);
    }

    public Mono<Agent> find(String accountId, String agentId) {
        return repository.find(accountId, agentId);
    }

    /** Changes an agent of the account; completes with the agent as changed, or empty when they are not the account's. */
    public Mono<Agent> update(String accountId, String agentId, AgentChanges changes) {
        if (!Ids.isWellFormed(agentId)) {
            return Mono.empty();
        }
        // Found first: MySQL counts only rows whose values changed, so the update's count cannot tell existence.
        return find(accountId, agentId).flatMap(agent -> repository.update(accountId, agentId, changes).then(find(accountId, agentId)));
    }

    /** A page of the account's agents, active and deactivated, by id, after {@code afterId} when given. */
    public reactor.core.publisher.Flux<Agent> list(String accountId, String afterId, int limit) {
        return repository.list(accountId, afterId, limit);
    }

    /**
     * Deactivates (or, with {@code active}, reactivates) an agent of the account: a deactivated agent
     * cannot sign in, their tokens are refused, and routing never offers them a chat. Ending their
     * sessions and taking back their chats is the caller's part. Completes with the agent as changed,
     * or empty when they are not the account's.
     */
    public Mono<Agent> setActive(String accountId, String agentId, boolean active) {
        if (!Ids.isWellFormed(agentId)) {
            return Mono.empty();
        }
        return find(accountId, agentId).flatMap(agent -> repository.setDeactivated(accountId, agentId, active ? null : clock.instant())
                .then(find(accountId, agentId)));
    }

    /** How many active admins the account has: the last one may not be demoted or deactivated. */
    public Mono<Long> activeAdmins(String accountId) {
        return repository.activeAdmins(accountId);
    }

    /**
     * A new invitation for the agent to choose their password, replacing any earlier one. Completes
     * with the token, to be sent to the agent only (its SHA-256 is what is kept) and with when it expires.
     */
    public Mono<Invitation> invite(Agent agent) {
        String token = dev.parley.shared.Secrets.random(INVITATION_TOKEN_BYTES);
        java.time.Instant now = clock.instant();
        java.time.Instant expiresAt = now.plus(invitationLifetime);
        return invitations.retire(agent.id(), now)
                .then(invitations.insert(dev.parley.shared.Secrets.sha256(token), agent.id(), agent.accountId(), now, expiresAt))
                .thenReturn(new Invitation(token, expiresAt));
    }

    /** An invitation's secret token and its expiry. */
    public record Invitation(String token, java.time.Instant expiresAt) {

        @Override
        public String toString() {
            return "Invitation[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Sets the password of the agent an unused, unexpired invitation was made for, once; completes
     * with the agent, or empty for any token that is not such an invitation of an active agent.
     */
    public Mono<Agent> acceptInvitation(String token, String password) {
        if (token == null || token.isEmpty() || token.length() > 128 || password == null) {
            return Mono.empty();
        }
        String hash = dev.parley.shared.Secrets.sha256(token);
        java.time.Instant now = clock.instant();
        return invitations.find(hash)
                .filter(invitation -> !invitation.used() && invitation.expiresAt().isAfter(now))
                .flatMap(invitation -> find(invitation.accountId(), invitation.agentId()))
                .filter(Agent::active)
                .flatMap(agent -> invitations.use(hash, now).filter(used -> used == 1)
                        .flatMap(used -> Mono.fromCallable(() -> passwordEncoder.encode(password)).subscribeOn(Schedulers.boundedElastic()))
                        .flatMap(encoded -> repository.setPasswordHash(agent.id(), encoded).thenReturn(agent)));
    }

    public Mono<Agent> findByEmail(String email) {
        return email == null ? Mono.empty() : repository.findByEmail(normalizeEmail(email));
    }

    /**
     * The active agent whose email and password match, or empty. An unknown email, a wrong password
     * and a deactivated agent take the same time and give the same empty answer.
     */
    public Mono<Agent> authenticate(String email, String password) {
        if (email == null || password == null) {
            return Mono.empty();
        }
        return findByEmail(email)
                .filter(Agent::active)
                .flatMap(agent -> repository.passwordHash(agent.id()).map(hash -> new Candidate(agent, hash)))
                .switchIfEmpty(decoyHash.map(hash -> new Candidate(null, hash)))
                .publishOn(Schedulers.boundedElastic())
                .filter(candidate -> passwordEncoder.matches(password, candidate.hash()) && candidate.agent() != null)
                .map(Candidate::agent);
    }

    static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private record Candidate(Agent agent, String hash) {
    }
}
