package dev.parley.agent;

import dev.parley.agent.internal.TeamRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/** An account's teams. Creating and changing them is an admin matter (see the admin API). */
@Service
public class Teams {

    private final TeamRepository repository;

    Teams(TeamRepository repository) {
        this.repository = repository;
    }

    public Flux<Team> forAccount(String accountId) {
        return repository.forAccount(accountId);
    }
}
