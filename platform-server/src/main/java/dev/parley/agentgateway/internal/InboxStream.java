package dev.parley.agentgateway.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.MessagePosted;
import dev.parley.security.AgentPrincipal;
import dev.parley.security.SessionRevoked;
import reactor.core.publisher.Flux;

/**
 * One agent's inbox: every event of their account they may see, with each conversation's messages
 * gap-free and in order.
 *
 * <p>The console passes the last seq it holds per conversation. Those conversations are caught up
 * from the database when the bus subscription is ready (and again after any bus outage); a message
 * whose seq skips ahead triggers the same catch-up, so a lost publication never becomes a lost
 * message. A conversation first seen live starts from that message; the console loads its history.
 * Which events the agent may see at all is decided once per node by {@link InboxFeeds}.
 */
final class InboxStream {

    private final InboxFeeds feeds;
    private final Conversations conversations;
    private final ConversationAccess access;
    private final EncodedViews views;

    InboxStream(InboxFeeds feeds, Conversations conversations, ConversationAccess access, EncodedViews views) {
        this.feeds = feeds;
        this.conversations = conversations;
        this.access = access;
        this.views = views;
    }

    /**
     * Each frame as JSON bytes, encoded once per node for all the consoles that receive it.
     * Completes never on its own; fails with SlowSubscriberException when the console lags by more
     * than the buffer.
     */
    Flux<byte[]> open(AgentPrincipal agent, Map<String, Long> cursors) {
        return Flux.defer(() -> {
            Map<String, Long> delivered = new HashMap<>(cursors == null ? Map.of() : cursors);
            return feeds.follow(agent)
                    .concatMap(event -> handle(agent, event, delivered))
                    .mapNotNull(views::of);
        });
    }

    /** The feed sends only what the agent may see; here each conversation is kept gap-free. */
    private Flux<ClusterEvent> handle(AgentPrincipal agent, ClusterEvent event, Map<String, Long> delivered) {
        if (event instanceof BusReady) {
            // Ready goes last: from here on nothing is missed, so the console (re)loads its lists now.
            return Flux.fromIterable(new ArrayList<>(delivered.keySet()))
                    .concatMap(id -> catchUp(agent, id, delivered))
                    .concatWith(Flux.just(event));
        }
        if (event instanceof MessagePosted posted) {
            return deliver(agent, posted, delivered);
        }
        if (event instanceof SessionRevoked) {
            return Flux.error(new GatewayException("session_revoked", "This sign-in has ended; sign in again"));
        }
        return Flux.just(event);
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
                })
                // The stream's concatMap keeps its last inner: let go of the finished reads.
                .onTerminateDetach();
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
