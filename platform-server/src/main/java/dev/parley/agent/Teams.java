package dev.parley.agent;

import java.time.Clock;

import dev.parley.agent.internal.TeamRepository;
import dev.parley.shared.Ids;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An account's teams and who is in them. Changes complete empty when the team (or agent) is not
 * the account's; a name already used in the account fails with {@link IllegalStateException}.
 */
@Service
public class Teams {

    private final TeamRepository repository;
    private final Agents agents;
    private final Clock clock;

    Teams(TeamRepository repository, Agents agents, Clock clock) {
        this.repository = repository;
        this.agents = agents;
        this.clock = clock;
    }

    public Mono<Team> find(String accountId, String teamId) {
        return Ids.isWellFormed(teamId) ? forAccount(accountId).filter(t -> t.id().equals(teamId)).next() : Mono.empty();
    }

    public Mono<Team> create(String accountId, String name) {
        String id = Ids.next(clock);
        return repository.insert(id, accountId, name, clock.instant())
                .onErrorMap(DataIntegrityViolationException.class, taken -> new IllegalStateException("A team of that name exists"))
                .then(find(accountId, id));
    }

    public Mono<Team> rename(String accountId, String teamId, String name) {
        return find(accountId, teamId).flatMap(team -> repository.rename(accountId, teamId, name)
                .onErrorMap(DataIntegrityViolationException.class, taken -> new IllegalStateException("A team of that name exists"))
                .then(find(accountId, teamId)));
    }

    /** Whether open conversations or a site's queue settings still route to the team. */
    public Mono<Boolean> inUse(String teamId) {
        return repository.inUse(teamId);
    }

    /** Deletes the team; completes with it, or empty when it is not the account's. Callers check {@link #inUse} first. */
    public Mono<Team> delete(String accountId, String teamId) {
        return find(accountId, teamId).flatMap(team -> repository.delete(accountId, teamId).thenReturn(team));
    }

    /** Adds an agent of the account to the team; completes with the team, or empty when either is not the account's. */
    public Mono<Team> addMember(String accountId, String teamId, String agentId) {
        return find(accountId, teamId).flatMap(team -> agents.find(accountId, agentId)
                .flatMap(agent -> repository.addMember(teamId, agent.id()))
                .then(agents.find(accountId, agentId).flatMap(agent -> find(accountId, teamId))));
    }

    public Mono<Team> removeMember(String accountId, String teamId, String agentId) {
        return find(accountId, teamId).flatMap(team -> agents.find(accountId, agentId)
                .flatMap(agent -> repository.removeMember(teamId, agent.id()).then(find(accountId, teamId))));
    }

    public Flux<Team> forAccount(String accountId) {
        return repository.forAccount(accountId);
    }
}
