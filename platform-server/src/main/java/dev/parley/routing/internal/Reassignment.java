package dev.parley.routing.internal;

import java.time.Clock;
import java.time.Instant;

import dev.parley.routing.ConversationRequeued;
import reactor.core.publisher.Mono;

/**
 * Takes chats back from agents who cannot answer them and puts them back at their original place
 * in the queue, with the visitor told and the transcript recording why.
 */
final class Reassignment {

    private final RoutingRepository repository;
    private final Announcements announcements;
    private final Assigner assigner;
    private final AccountLock lock;
    private final Clock clock;

    Reassignment(RoutingRepository repository, Announcements announcements, Assigner assigner, AccountLock lock, Clock clock) {
        this.repository = repository;
        this.announcements = announcements;
        this.assigner = assigner;
        this.lock = lock;
        this.clock = clock;
    }

    /** Every open chat of the agent, for {@code agent_offline}; completes with how many went back. */
    Mono<Long> all(String accountId, String agentId) {
        return repository.assignedTo(agentId)
                .concatMap(conversationId -> one(accountId, conversationId, agentId, "agent_offline"))
                .count()
                .doOnNext(count -> {
                    if (count > 0) {
                        assigner.kick(accountId);
                    }
                });
    }

    /**
     * One chat, if it is still the agent's; {@code no_reply} also makes the agent the last choice
     * for it. Completes with the conversation id, or empty when it was no longer theirs.
     */
    Mono<String> one(String accountId, String conversationId, String agentId, String reason) {
        String passed = "no_reply".equals(reason) ? agentId : null;
        // Under the routing lock, so the queue changes in one order with assignments.
        Mono<Instant> change = Mono.fromSupplier(clock::instant)
                .flatMap(at -> repository.requeue(conversationId, agentId, passed).filter(changed -> changed == 1).thenReturn(at));
        return lock.run(accountId, change)
                .flatMap(at -> announcements.requeued(new ConversationRequeued(accountId, conversationId, agentId, reason, at),
                                "no_reply".equals(reason) ? "No reply in time; passing you to the next agent"
                                        : "Your agent went offline; you are back in the queue at your place")
                        .thenReturn(conversationId));
    }
}
