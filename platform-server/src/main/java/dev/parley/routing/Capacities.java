package dev.parley.routing;

import dev.parley.routing.internal.CapacityRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * How many chats an agent can hold at once, for showing load such as "2/3". Routing checks each
 * site's own limit when it assigns; an agent's capacity here is their override, or else the largest
 * limit among the account's sites: the most chats they can be given at all.
 */
@Service
public class Capacities {

    private final CapacityRepository repository;

    Capacities(CapacityRepository repository) {
        this.repository = repository;
    }

    /** The largest {@code maxChatsPerAgent} among the account's sites, sites without settings counting as the default. */
    public Mono<Integer> accountDefault(String accountId) {
        return repository.siteLimits(accountId, QueueSettings.DEFAULT_MAX_CHATS_PER_AGENT)
                .reduce(Math::max)
                .defaultIfEmpty(QueueSettings.DEFAULT_MAX_CHATS_PER_AGENT);
    }
}
