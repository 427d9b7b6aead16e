package dev.parley.agentgateway.internal;

import java.util.Optional;
import java.util.function.Predicate;

import dev.parley.agent.AgentStatusChanged;
import dev.parley.agent.Role;
import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationClosed;
import dev.parley.conversation.ConversationOpened;
import dev.parley.conversation.ConversationRated;
import dev.parley.conversation.ConversationReopened;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.MessagePosted;
import dev.parley.conversation.MessagesRead;
import dev.parley.conversation.TypingChanged;
import dev.parley.routing.ConversationAssigned;
import dev.parley.routing.ConversationPending;
import dev.parley.routing.ConversationRequeued;
import dev.parley.security.AgentPrincipal;
import dev.parley.security.SessionRevoked;
import dev.parley.visitor.VisitorNavigated;
import reactor.core.publisher.Mono;

/**
 * Decides, once per event, which of an account's consoles may see it: the holder of the
 * conversation, the account's supervisors and admins, and agents who may claim it while it waits.
 * An event that changes who holds a conversation carries the new state and is decided from it,
 * dropping the conversation's snapshot; other events of a conversation are decided against its
 * snapshot, read at most once per node however many consoles are open. Stateless apart from the
 * shared snapshots; thread-safe.
 */
final class Audiences {

    private static final Predicate<AgentPrincipal> EVERYONE = agent -> true;
    private static final Predicate<AgentPrincipal> NOBODY = agent -> false;

    private final Conversations conversations;
    private final ConversationAccess access;

    Audiences(Conversations conversations, ConversationAccess access) {
        this.conversations = conversations;
        this.access = access;
    }

    /** Who may see {@code event}; fails when the conversation it concerns could not be read. */
    Mono<Predicate<AgentPrincipal>> of(ClusterEvent event) {
        if (event instanceof BusReady) {
            // After a bus outage: changes published meanwhile were lost, so no snapshot can be trusted.
            access.forgetAll();
            return Mono.just(EVERYONE);
        }
        if (event instanceof AgentStatusChanged) {
            return Mono.just(EVERYONE);
        }
        if (event instanceof MessagePosted posted) {
            return seers(posted.message().conversationId());
        }
        if (event instanceof ConversationOpened opened) {
            return Mono.just(holders(opened.conversation()));
        }
        if (event instanceof ConversationReopened reopened) {
            return Mono.just(holders(reopened.conversation()));
        }
        if (event instanceof TypingChanged || event instanceof MessagesRead || event instanceof ConversationRated) {
            return seers(conversationOf(event));
        }
        // A change of who holds a chat says who may see it now: decided from the event, without a
        // read (a burst of new chats made one read per chat, which starved routing of connections).
        // The snapshot is dropped, so what follows is decided on the state after the change.
        if (event instanceof ConversationClosed closed) {
            access.forget(closed.conversationId());
            return Mono.just(agent -> agent.role() != Role.AGENT || agent.agentId().equals(closed.assignedAgentId()));
        }
        if (event instanceof ConversationAssigned assigned) {
            access.forget(assigned.conversationId());
            return Mono.just(agent -> agent.role() != Role.AGENT || agent.agentId().equals(assigned.agentId())
                    || agent.agentId().equals(assigned.previousAgentId()));
        }
        if (event instanceof ConversationRequeued requeued) {
            // Back in the queue: every agent may claim it again.
            access.forget(requeued.conversationId());
            return Mono.just(EVERYONE);
        }
        if (event instanceof ConversationPending pending) {
            access.forget(pending.conversationId());
            return Mono.just(EVERYONE);
        }
        if (event instanceof SessionRevoked revoked) {
            return Mono.just(agent -> agent.sessionId().equals(revoked.sessionId()));
        }
        if (event instanceof VisitorNavigated navigated) {
            // Supervisors follow every visitor; an agent only the visitor of a chat they may see.
            return conversations.findOpenForVisitor(navigated.visitorId()).map(Optional::of).defaultIfEmpty(Optional.empty())
                    .map(open -> agent -> agent.role() != Role.AGENT || open.filter(c -> ConversationAccess.sees(agent, c)).isPresent());
        }
        return Mono.just(NOBODY);
    }

    private Mono<Predicate<AgentPrincipal>> seers(String conversationId) {
        return access.recent(conversationId).map(Audiences::seersOf);
    }

    private static Predicate<AgentPrincipal> seersOf(Optional<Conversation> conversation) {
        return conversation.<Predicate<AgentPrincipal>>map(c -> agent -> ConversationAccess.sees(agent, c)).orElse(NOBODY);
    }

    /** A new or reopened chat carries its state: the snapshot is dropped and the event decides. */
    private Predicate<AgentPrincipal> holders(Conversation conversation) {
        access.forget(conversation.id());
        return seersOf(Optional.of(conversation));
    }

    private static String conversationOf(ClusterEvent event) {
        if (event instanceof TypingChanged e) {
            return e.conversationId();
        }
        if (event instanceof ConversationRated e) {
            return e.conversationId();
        }
        return ((MessagesRead) event).conversationId();
    }
}
