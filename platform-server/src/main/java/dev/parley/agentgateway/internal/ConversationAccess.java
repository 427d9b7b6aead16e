package dev.parley.agentgateway.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import dev.parley.agent.Role;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.PostGuard;
import dev.parley.security.AgentPrincipal;
import reactor.core.publisher.Mono;

/**
 * Who may see and act on which conversation, checked on every request, never only at connect.
 *
 * <p>Admins and supervisors may see and act on every conversation of their account. An agent sees
 * the conversations assigned to them (open or closed) and those waiting in the queue or kept for
 * follow-up, which they may claim (claiming checks team membership), and acts only on their own. A conversation of another account, or one the caller may not see,
 * answers exactly like one that does not exist.
 *
 * <p>Streams check visibility against a per-node snapshot of the conversation, shared by every
 * stream of the node (one read however many consoles hear the event). Every change of who holds a
 * conversation reaches each node with consoles of the account as an event, which drops the
 * snapshot, and a bus recovery (when events may have been lost) drops them all; so a snapshot may
 * live {@link #SNAPSHOT_TTL}, and messages, the bulk of events, almost never wait for a read.
 * Requests always read the database.
 */
final class ConversationAccess {

    /**
     * A backstop only, since changes drop snapshots as they happen: long enough that a busy
     * conversation is read about once a minute, short enough to bound any view gone stale
     * some way no event announced.
     */
    static final Duration SNAPSHOT_TTL = Duration.ofSeconds(60);

    /** Snapshots kept per node before the cache is cleared; bounds memory whatever the traffic. */
    private static final int MAX_SNAPSHOTS = 20_000;

    private static final String NOT_ASSIGNED = "Only the assigned agent or a supervisor may do that";

    private final Conversations conversations;
    private final SharedSnapshots<String, Conversation> snapshots;

    ConversationAccess(Conversations conversations) {
        this.conversations = conversations;
        this.snapshots = new SharedSnapshots<>(conversations::find, SNAPSHOT_TTL, MAX_SNAPSHOTS, System::nanoTime);
    }

    /** The conversation, when the caller may see it; else fails with not_found. */
    Mono<Conversation> readable(AgentPrincipal caller, String conversationId) {
        return conversations.find(conversationId)
                .filter(c -> sees(caller, c))
                .switchIfEmpty(Mono.error(() -> GatewayException.notFound("conversation")));
    }

    /** The conversation, when the caller may act on it; not_found when they may not see it, not_assigned when they only may see it. */
    Mono<Conversation> actionable(AgentPrincipal caller, String conversationId) {
        return readable(caller, conversationId).flatMap(c -> actsOn(caller, c) ? Mono.just(c)
                : Mono.error(new GatewayException("not_assigned", NOT_ASSIGNED)));
    }

    static boolean sees(AgentPrincipal caller, Conversation c) {
        return sees(caller, c.accountId(), c.status(), c.assignedAgentId());
    }

    static boolean actsOn(AgentPrincipal caller, Conversation c) {
        return actsOn(caller, c.accountId(), c.assignedAgentId());
    }

    private static boolean sees(AgentPrincipal caller, String accountId, ConversationStatus status, String assignedAgentId) {
        if (!accountId.equals(caller.accountId())) {
            return false;
        }
        return caller.role() != Role.AGENT || caller.agentId().equals(assignedAgentId) || status == ConversationStatus.QUEUED
                || status == ConversationStatus.PENDING;
    }

    private static boolean actsOn(AgentPrincipal caller, String accountId, String assignedAgentId) {
        return accountId.equals(caller.accountId()) && (caller.role() != Role.AGENT || caller.agentId().equals(assignedAgentId));
    }

    /**
     * {@link #actionable} as a check made where the message is stored, with no read of its own: the
     * same errors, decided on the row the message is written into.
     */
    static PostGuard poster(AgentPrincipal caller) {
        return target -> !sees(caller, target.accountId(), target.status(), target.assignedAgentId())
                ? GatewayException.notFound("conversation")
                : actsOn(caller, target.accountId(), target.assignedAgentId()) ? null : new GatewayException("not_assigned", NOT_ASSIGNED);
    }

    /**
     * {@code then} applied to the conversation as read at most {@link #SNAPSHOT_TTL} ago (empty when
     * there is none), for filtering streams: a {@code Mono.just} when the snapshot is held.
     */
    <R> Mono<R> recent(String conversationId, Function<Optional<Conversation>, R> then) {
        return snapshots.get(conversationId, then);
    }

    /**
     * The conversation as the event that opened it carried it, kept unless something is known of it
     * already: that came from a later event of the conversation, so it is newer. Returns whether it
     * was kept, that is whether the event is the first news of the conversation here.
     */
    boolean rememberOpened(Conversation conversation) {
        return snapshots.putIfAbsent(conversation.id(), conversation);
    }

    /** Something about the conversation changed: the next check reads it afresh. */
    void forget(String conversationId) {
        snapshots.forget(conversationId);
    }

    /** Change events may have been lost: every next check reads afresh. */
    void forgetAll() {
        snapshots.forgetAll();
    }
}
