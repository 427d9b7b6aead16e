package dev.parley.routing.internal;

import dev.parley.agent.AgentStatus;
import dev.parley.agent.AgentStatusChanged;
import dev.parley.conversation.ConversationClosed;
import dev.parley.conversation.ConversationOpened;
import dev.parley.conversation.ConversationReopened;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import reactor.core.publisher.Mono;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Runs routing the moment something that matters happens on this node, so no polling delay is
 * ever visible. Listeners only start asynchronous work; they never block the publisher.
 */
final class RoutingTriggers {

    private static final Logger log = LoggerFactory.getLogger(RoutingTriggers.class);

    private final Assigner assigner;
    private final Admission admission;
    private final Reassignment reassignment;
    private final RetryBackoffSpec admissionRetry;

    /** {@code admissionRetry}: how a failed admission is tried again (it is idempotent: parking is a conditional update). */
    RoutingTriggers(Assigner assigner, Admission admission, Reassignment reassignment, RetryBackoffSpec admissionRetry) {
        this.assigner = assigner;
        this.admission = admission;
        this.reassignment = reassignment;
        // The log names what failed last, not only that the tries ran out.
        this.admissionRetry = admissionRetry.onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    @EventListener
    void opened(ConversationOpened event) {
        // Deferred: each try must read afresh, and admit() starts its reads (shared, cached ones) when called.
        Mono.defer(() -> admission.admit(event.conversation()))
                .retryWhen(admissionRetry.doBeforeRetry(failed -> log.debug("Admitting conversation {} failed; trying again: {}",
                        event.conversation().id(), failed.failure().toString())))
                .subscribe(queued -> assigner.kick(event.conversation().accountId()),
                        e -> {
                            log.warn("Admitting conversation {} failed; it waits in the queue, where the sweep still routes it: {}",
                                    event.conversation().id(), e.toString());
                            assigner.kick(event.conversation().accountId());
                        });
    }

    @EventListener
    void reopened(ConversationReopened event) {
        assigner.kick(event.conversation().accountId());
    }

    /** A slot freed up, or a queued conversation left the queue. */
    @EventListener
    void closed(ConversationClosed event) {
        assigner.kick(event.accountId());
    }

    @EventListener
    void status(AgentStatusChanged event) {
        if (event.status() == AgentStatus.OFFLINE) {
            reassignment.all(event.accountId(), event.agentId())
                    .subscribe(null, e -> log.warn("Requeueing an offline agent's chats failed; the sweep retries: {}", e.toString()));
        }
        else if (event.available()) {
            assigner.kick(event.accountId());
        }
    }
}
