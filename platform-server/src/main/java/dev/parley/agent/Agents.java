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

    private final AgentRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    Agents(AgentRepository repository, PasswordEncoder passwordEncoder, Clock clock) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
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
