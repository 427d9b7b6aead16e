package dev.parley.agentgateway.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.parley.agent.AgentStatusChanged;
import dev.parley.agent.Role;
import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One agent's inbox: every event of their account they may see, with each conversation's messages
 * gap-free and in order.
 *
 * <p>The console passes the last seq it holds per conversation. Those conversations are caught up
 * from the database when the bus subscription is ready (and again after any bus outage); a message
 * whose seq skips ahead triggers the same catch-up, so a lost publication never becomes a lost
 * message. A conversation first seen live starts from that message; the console loads its history.
 */
final class InboxStream {

    private final ClusterBus bus;
    private final Conversations conversations;
    private final ConversationAccess access;
    private final int buffer;

    InboxStream(ClusterBus bus, Conversations conversations, ConversationAccess access, int buffer) {
        this.bus = bus;
        this.conversations = conversations;
        this.access = access;
        this.buffer = buffer;
    }

    /** Completes never on its own; fails with SlowSubscriberException when the console lags by more than the buffer. */
    Flux<Object> open(AgentPrincipal agent, Map<String, Long> cursors) {
        return Flux.defer(() -> {
            Map<String, Long> delivered = new HashMap<>(cursors == null ? Map.of() : cursors);
            return bus.subscribe(Topic.account(agent.accountId()), buffer)
                    .concatMap(event -> handle(agent, event, delivered))
                    .mapNotNull(AgentViews::of);
        });
    }

    private Flux<ClusterEvent> handle(AgentPrincipal agent, ClusterEvent event, Map<String, Long> delivered) {
        if (event instanceof BusReady) {
            // Ready goes last: from here on nothing is missed, so the console (re)loads its lists now.
            return Flux.fromIterable(new ArrayList<>(delivered.keySet()))
                    .concatMap(id -> catchUp(agent, id, delivered))
                    .concatWith(Flux.just(event));
        }
        if (event instanceof MessagePosted posted) {
            String id = posted.message().conversationId();
            return visible(agent, id).flatMapMany(sees -> sees ? deliver(agent, posted, delivered) : Flux.empty());
        }
        if (event instanceof ConversationOpened || event instanceof ConversationReopened || event instanceof ConversationClosed) {
            String id = conversationOf(event);
            access.forget(id);
            return visible(agent, id).flatMapMany(sees -> sees ? Flux.just(event) : Flux.empty());
        }
        if (event instanceof AgentStatusChanged) {
            return Flux.just(event);
        }
        if (event instanceof ConversationAssigned assigned) {
            return routingChange(agent, assigned.conversationId(), assigned.previousAgentId(), event);
        }
        if (event instanceof ConversationRequeued requeued) {
            return routingChange(agent, requeued.conversationId(), requeued.previousAgentId(), event);
        }
        if (event instanceof ConversationPending pending) {
            return routingChange(agent, pending.conversationId(), null, event);
        }
        if (event instanceof SessionRevoked revoked && revoked.sessionId().equals(agent.sessionId())) {
            return Flux.error(new GatewayException("session_revoked", "This sign-in has ended; sign in again"));
        }
        if (event instanceof TypingChanged || event instanceof MessagesRead || event instanceof ConversationRated) {
            return visible(agent, conversationOf(event)).flatMapMany(sees -> sees ? Flux.just(event) : Flux.empty());
        }
        if (event instanceof VisitorNavigated navigated) {
            return agent.role() != Role.AGENT ? Flux.just(event)
                    : conversations.findOpenForVisitor(navigated.visitorId())
                            .filter(c -> ConversationAccess.sees(agent, c))
                            .flatMapMany(c -> Flux.<ClusterEvent>just(event));
        }
        return Flux.empty();
    }

    /** Who holds the chat changed: anyone who may see it now hears of it, and so does the agent who had it. */
    private Flux<ClusterEvent> routingChange(AgentPrincipal agent, String conversationId, String previousAgentId, ClusterEvent event) {
        access.forget(conversationId);
        if (agent.agentId().equals(previousAgentId)) {
            return Flux.just(event);
        }
        return visible(agent, conversationId).flatMapMany(sees -> sees ? Flux.just(event) : Flux.empty());
    }

    private Flux<ClusterEvent> deliver(AgentPrincipal agent, MessagePosted posted, Map<String, Long> delivered) {
        String id = posted.message().conversationId();
        long seq = posted.message().seq();
        Long last = delivered.get(id);
        if (last == null || seq == last + 1) {
            delivered.put(id, seq);
            return Flux.just(posted);
        }
        return seq <= last ? Flux.empty() : catchUp(agent, id, delivered);
    }

    private Flux<ClusterEvent> catchUp(AgentPrincipal agent, String conversationId, Map<String, Long> delivered) {
        return access.readable(agent, conversationId)
                .flatMapMany(c -> conversations.missed(c, delivered.getOrDefault(conversationId, 0L)))
                .doOnNext(event -> {
                    if (event instanceof MessagePosted posted) {
                        delivered.merge(conversationId, posted.message().seq(), Math::max);
                    }
                })
                // A conversation the agent may no longer see is simply not followed any more.
                .onErrorResume(GatewayException.class, gone -> {
                    delivered.remove(conversationId);
                    return Flux.empty();
                });
    }

    private Mono<Boolean> visible(AgentPrincipal agent, String conversationId) {
        return access.seesRecent(agent, conversationId);
    }

    private static String conversationOf(ClusterEvent event) {
        if (event instanceof ConversationOpened e) {
            return e.conversation().id();
        }
        if (event instanceof ConversationReopened e) {
            return e.conversation().id();
        }
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

    static Map<String, Long> cursors(List<Cursor> given) {
        Map<String, Long> map = new HashMap<>();
        if (given != null) {
            given.stream().filter(c -> c.conversationId() != null && c.lastSeq() >= 0).limit(500)
                    .forEach(c -> map.put(c.conversationId(), c.lastSeq()));
        }
        return map;
    }

    /** The last seq the console holds of one conversation. */
    record Cursor(String conversationId, long lastSeq) {
    }
}
