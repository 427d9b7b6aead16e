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
 * conversation, the account's supervisors and admins, and agents who may claim it while it waits
 * (and so hear when it is taken).
 * A change of who holds a conversation drops its snapshot first, so the decision reads it afresh
 * (one read per node, however many consoles are open). Stateless apart from the shared snapshots;
 * thread-safe.
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
            // The event carries the new chat, so a burst of them costs no reads here. But it is
            // published after the insert commits, and routing on any node may assign the chat in
            // between: a later event of the chat decided first read a newer state, and this one is
            // then stale news for everyone (kept, it showed the assigned chat's messages to every
            // agent of the account for a minute).
            Conversation conversation = opened.conversation();
            return Mono.just(access.rememberOpened(conversation) ? seersOf(Optional.of(conversation)) : NOBODY);
        }
        if (event instanceof ConversationReopened reopened) {
            // A snapshot held now may predate the reopening or follow it (assigned again already);
            // which one cannot be told, so the next decision reads the conversation afresh.
            access.forget(reopened.conversation().id());
            return Mono.just(seersOf(Optional.of(reopened.conversation())));
        }
        if (event instanceof ConversationClosed) {
            String id = conversationOf(event);
            access.forget(id);
            return seers(id);
        }
        if (event instanceof TypingChanged || event instanceof MessagesRead || event instanceof ConversationRated) {
            return seers(conversationOf(event));
        }
        if (event instanceof ConversationAssigned assigned) {
            Mono<Predicate<AgentPrincipal>> seers = routingChange(assigned.conversationId(), assigned.previousAgentId());
            // Taken from the queue, where every agent of the account saw it: each console must hear
            // that it is taken, or it shows there until the console reloads. The read is still made:
            // later events of the chat (a late "opened" among them) are decided on its snapshot.
            return assigned.previousAgentId() == null ? seers.thenReturn(EVERYONE) : seers;
        }
        if (event instanceof ConversationRequeued requeued) {
            return routingChange(requeued.conversationId(), requeued.previousAgentId());
        }
        if (event instanceof ConversationPending pending) {
            return routingChange(pending.conversationId(), null);
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

    /** Who holds the chat changed: anyone who may see it now hears of it, and so does the agent who had it. */
    private Mono<Predicate<AgentPrincipal>> routingChange(String conversationId, String previousAgentId) {
        access.forget(conversationId);
        return seers(conversationId).map(seers -> agent -> agent.agentId().equals(previousAgentId) || seers.test(agent));
    }

    private Mono<Predicate<AgentPrincipal>> seers(String conversationId) {
        return access.recent(conversationId, Audiences::seersOf);
    }

    private static Predicate<AgentPrincipal> seersOf(Optional<Conversation> conversation) {
        return conversation.<Predicate<AgentPrincipal>>map(c -> agent -> ConversationAccess.sees(agent, c)).orElse(NOBODY);
    }

    private static String conversationOf(ClusterEvent event) {
        if (event instanceof ConversationClosed e) {
            return e.conversationId();
        }
        if (event instanceof TypingChanged e) {
            return e.conversationId();
        }
        if (event instanceof ConversationRated e) {
            return e.conversationId();
        }
        return ((MessagesRead) event).conversationId();
    }
}
