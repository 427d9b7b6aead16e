package dev.parley.routing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.parley.agent.AgentStatus;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.routing.ConversationAssigned;
import dev.parley.routing.RoutingException;
import reactor.core.publisher.Mono;

/**
 * Assignment by a person rather than by the queue: an agent claiming, a supervisor assigning, an
 * agent transferring. Same rules as routing (under the account lock, never above capacity), but
 * whatever the site's policy.
 */
final class DirectAssignment {

    private final RoutingRepository repository;
    private final SettingsCache settings;
    private final Conversations conversations;
    private final AccountLock lock;
    private final Announcements announcements;
    private final Assigner assigner;
    private final Clock clock;

    DirectAssignment(RoutingRepository repository, SettingsCache settings, Conversations conversations, AccountLock lock,
            Announcements announcements, Assigner assigner, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.conversations = conversations;
        this.lock = lock;
        this.announcements = announcements;
        this.assigner = assigner;
        this.clock = clock;
    }

    /**
     * Gives the conversation to {@code agentId}. {@code from} lists the statuses it may be taken from;
     * {@code teamBound} requires the agent to be in the conversation's (or site's) team.
     */
    Mono<Conversation> assign(String accountId, String conversationId, String agentId, List<ConversationStatus> from,
            boolean teamBound, String reason) {
        Mono<Assignment> change = Mono.fromSupplier(clock::instant)
                .flatMap(now -> change(accountId, conversationId, agentId, from, teamBound, now));
        return lock.run(accountId, change).flatMap(done -> previousName(accountId, done.before().assignedAgentId())
                .flatMap(previous -> announcements.assigned(new ConversationAssigned(accountId, conversationId, agentId,
                        done.target().name(), done.before().assignedAgentId(), reason, done.at()), previous))
                .then(Mono.fromRunnable(() -> assigner.kick(accountId)))
                .then(conversations.find(conversationId)));
    }

    private Mono<Assignment> change(String accountId, String conversationId, String agentId, List<ConversationStatus> from,
            boolean teamBound, Instant now) {
        return conversations.find(conversationId)
                .filter(c -> c.accountId().equals(accountId))
                .switchIfEmpty(Mono.error(() -> new RoutingException("not_found", "No such conversation")))
                .flatMap(c -> from.contains(c.status()) ? Mono.just(c)
                        : Mono.error(new RoutingException("not_queued", "The conversation cannot be assigned from " + c.status())))
                .flatMap(c -> settings.getInTransaction(c.siteId()).zipWith(repository.target(accountId, agentId, now)
                                .switchIfEmpty(Mono.error(() -> new RoutingException("not_found", "No such agent"))))
                        .flatMap(t -> {
                            RoutingRepository.Target target = t.getT2();
                            if (!target.active() || !target.live() || AgentStatus.OFFLINE.name().equals(target.status())) {
                                return Mono.error(new RoutingException("agent_unavailable", target.name() + " is not available"));
                            }
                            int capacity = target.capacityOverride() == null ? t.getT1().maxChatsPerAgent() : target.capacityOverride();
                            if (target.load() >= capacity && !agentId.equals(c.assignedAgentId())) {
                                return Mono.error(new RoutingException("agent_at_capacity", target.name() + " already has " + target.load()
                                        + " of " + capacity + " chats"));
                            }
                            String team = c.teamId() != null ? c.teamId() : t.getT1().teamId();
                            Mono<Boolean> inTeam = !teamBound || team == null ? Mono.just(true) : repository.member(team, agentId);
                            return inTeam.flatMap(member -> member ? Mono.just(target)
                                    : Mono.<RoutingRepository.Target>error(new RoutingException("not_eligible", "Only the team's members take this chat")));
                        })
                        .flatMap(target -> {
                            // Not dated before a reopening that committed after the clock was read (see Pairing).
                            Instant at = c.queuedAt() != null && c.queuedAt().isAfter(now) ? c.queuedAt() : now;
                            return repository.assign(c.id(), agentId, at, from.stream().map(Enum::name).toList())
                                    .filter(changed -> changed == 1)
                                    .switchIfEmpty(Mono.error(() -> new RoutingException("not_queued", "The conversation changed meanwhile")))
                                    .then(repository.touchAgent(agentId, at))
                                    .thenReturn(new Assignment(c, target, at));
                        }));
    }

    private Mono<String> previousName(String accountId, String agentId) {
        return agentId == null ? Mono.just("") : repository.target(accountId, agentId, clock.instant()).map(RoutingRepository.Target::name)
                .defaultIfEmpty("");
    }

    private record Assignment(Conversation before, RoutingRepository.Target target, Instant at) {
    }
}
