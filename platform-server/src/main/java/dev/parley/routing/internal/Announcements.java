package dev.parley.routing.internal;

import java.util.Map;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.MessageKind;
import dev.parley.conversation.PostCommand;
import dev.parley.routing.ConversationAssigned;
import dev.parley.routing.ConversationPending;
import dev.parley.routing.ConversationRequeued;
import dev.parley.shared.Ids;
import reactor.core.publisher.Mono;

/**
 * Tells everyone what routing did: a system message in the transcript, so every assignment,
 * transfer and reassignment is on record, and an event for live clients. Called after the change
 * committed.
 */
final class Announcements {

    private final Conversations conversations;
    private final ClusterBus bus;

    Announcements(Conversations conversations, ClusterBus bus) {
        this.conversations = conversations;
        this.bus = bus;
    }

    Mono<Void> assigned(ConversationAssigned event, String previousAgentName) {
        String body = event.previousAgentId() == null ? event.agentName() + " joined the conversation"
                : "Transferred from " + previousAgentName + " to " + event.agentName();
        Map<String, String> meta = Map.of("type", event.previousAgentId() == null ? "assigned" : "transferred",
                "agentId", event.agentId(), "agentName", event.agentName(), "reason", event.reason());
        return record(event.conversationId(), body, meta).then(bus.publish(event));
    }

    Mono<Void> requeued(ConversationRequeued event, String body) {
        return record(event.conversationId(), body, Map.of("type", "requeued", "reason", event.reason(),
                "previousAgentId", event.previousAgentId() == null ? "" : event.previousAgentId())).then(bus.publish(event));
    }

    /** No transcript entry: nothing happened between people, the visitor just gets the offline form. */
    Mono<Void> pending(ConversationPending event) {
        return bus.publish(event);
    }

    private Mono<Void> record(String conversationId, String body, Map<String, String> meta) {
        return conversations.post(new PostCommand(conversationId, "sys-" + Ids.next(), Author.SYSTEM, MessageKind.EVENT, body, meta)).then();
    }
}
