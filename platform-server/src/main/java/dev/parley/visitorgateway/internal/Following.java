package dev.parley.visitorgateway.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.SlowSubscriberException;
import dev.parley.conversation.Audience;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationClosed;
import dev.parley.conversation.ConversationReopened;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.MessageKind;
import dev.parley.conversation.MessagePosted;
import dev.parley.routing.ConversationAssigned;
import dev.parley.routing.ConversationPending;
import dev.parley.routing.ConversationRequeued;
import dev.parley.routing.QueuePositionChanged;
import dev.parley.visitor.Visitor;
import dev.parley.visitor.VisitorBanned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The conversation one widget socket follows: its event stream, turned into frames on the
 * socket's outbox. Following another conversation replaces the stream.
 */
final class Following {

    private static final Logger log = LoggerFactory.getLogger(Following.class);

    /**
     * How long a frame that starts following a conversation waits for the stream's catch-up. A
     * healthy bus subscribes and the database answers within milliseconds; during a bus outage the
     * socket goes on after this, and the stream delivers once the bus is back.
     */
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(2);

    private final VisitorConnection connection;
    private final GatewayContext context;
    private volatile Disposable stream;
    private volatile Sinks.Empty<Void> catchingUp;
    // Whether the stream carried a routing notice (assigned, pending, requeued) or a queue position,
    // what the socket last told of routing, and the agent its transcript last named: see settle().
    private volatile boolean routingSeen;
    private volatile boolean positionSeen;
    private volatile ConversationStatus shown;
    private volatile String agentName;
    // Written by the reading thread (acks) and the stream's thread (deliveries): kept as a maximum.
    private final AtomicLong seenSeq = new AtomicLong();

    Following(VisitorConnection connection, GatewayContext context) {
        this.connection = connection;
        this.context = context;
    }

    /**
     * Follows {@code followed} from after {@code afterSeq}, replacing any conversation followed before.
     * The returned Mono completes once the messages after {@code afterSeq} are queued for the socket
     * (or after {@link #CATCH_UP_WAIT}): the frame handler waits for it, so a message the visitor
     * sends next is acknowledged before its echo arrives, as the protocol promises. Never errors.
     */
    Mono<Void> follow(Conversation followed, long afterSeq) {
        stop();
        Sinks.Empty<Void> caughtUp = Sinks.empty();
        catchingUp = caughtUp;
        routingSeen = false;
        positionSeen = false;
        shown = followed.status();
        agentName = null;
        seenSeq.set(afterSeq);
        connection.conversation = followed;
        LifecycleOrder order = new LifecycleOrder(followed);
        stream = context.conversations().stream(followed, afterSeq, Audience.VISITOR, context.limits().outboundBufferFrames())
                .subscribe(event -> {
                    if (event instanceof BusReady) {
                        if (catchingUp != null) {
                            endCatchUp();
                            settle(followed);
                        }
                        return;
                    }
                    if (!order.accept(event)) {
                        return;
                    }
                    noteRouting(event);
                    if (event instanceof MessagePosted posted) {
                        saw(posted.message().seq());
                    }
                    Visitor visitor = connection.visitor;
                    if (event instanceof VisitorBanned banned && visitor != null && banned.visitorId().equals(visitor.id())) {
                        connection.emit(OutboundFrames.error("banned", "You cannot chat on this site", null, false));
                        connection.closeAfterFlush(CloseStatus.POLICY_VIOLATION.withReason("banned"));
                        return;
                    }
                    Object frame = OutboundFrames.of(event);
                    // A position is read and published apart from the assignment: one read before
                    // it may arrive after it, and the chat would show as waiting again.
                    if (frame != null && (!(event instanceof QueuePositionChanged) || shown != ConversationStatus.ASSIGNED)) {
                        connection.emit(frame);
                    }
                    if (event instanceof ConversationClosed) {
                        context.conversations().find(followed.id()).subscribe(c -> connection.conversation = c);
                    }
                }, this::failed);
        return caughtUp.asMono().timeout(CATCH_UP_WAIT, Mono.empty(), context.timers());
    }

    long seenSeq() {
        return seenSeq.get();
    }

    void saw(long seq) {
        seenSeq.accumulateAndGet(seq, Math::max);
    }

    /**
     * Once the stream is ready, tells a waiting visitor where routing has got to. Routing acts on
     * its own, as soon as the conversation exists: its pending or assigned notice may have been
     * published before this socket's subscription was ready, and only messages are replayed. A
     * notice that arrived live meanwhile wins over this read, and so does a live position over the
     * position read here; a live position never hides the notice, since it may be older than the
     * assignment it was published after.
     */
    private void settle(Conversation followed) {
        if (followed.status() != ConversationStatus.QUEUED) {
            return;
        }
        // Positions are pushed when they change; a new socket needs the current one now. The queue
        // read is shared by a burst of sockets; only one that left the queue reads its conversation.
        context.queues().position(followed).<Object>map(OutboundFrames::queue)
                .switchIfEmpty(Mono.defer(() -> context.conversations().find(followed.id()).flatMap(now -> Mono.justOrEmpty(notice(now)))))
                .subscribe(frame -> {
                    if (routingSeen || (frame instanceof OutboundFrames.Queue && positionSeen)) {
                        return;
                    }
                    if (!(frame instanceof OutboundFrames.Queue)) {
                        shown = frame instanceof OutboundFrames.Assigned ? ConversationStatus.ASSIGNED : ConversationStatus.PENDING;
                    }
                    connection.emit(frame);
                }, e -> log.debug("No routing state for a new socket: {}", e.toString()));
    }

    private Object notice(Conversation now) {
        if (now.status() == ConversationStatus.PENDING) {
            return OutboundFrames.of(new ConversationPending(now.accountId(), now.id(), now.pendingReason()));
        }
        String name = agentName;
        return now.status() == ConversationStatus.ASSIGNED && name != null
                ? OutboundFrames.of(new ConversationAssigned(now.accountId(), now.id(), now.assignedAgentId(), name, null, "routing",
                        now.assignedAt()))
                : null;
    }

    private void noteRouting(ClusterEvent event) {
        if (event instanceof ConversationAssigned || event instanceof ConversationPending || event instanceof ConversationRequeued) {
            routingSeen = true;
            shown = event instanceof ConversationAssigned ? ConversationStatus.ASSIGNED
                    : event instanceof ConversationPending ? ConversationStatus.PENDING : ConversationStatus.QUEUED;
        }
        else if (event instanceof QueuePositionChanged) {
            positionSeen = true;
        }
        else if (event instanceof ConversationReopened reopened) {
            shown = reopened.conversation().status();
        }
        else if (event instanceof MessagePosted posted && posted.message().kind() == MessageKind.EVENT) {
            String type = posted.message().meta().get("type");
            if ("assigned".equals(type) || "transferred".equals(type)) {
                agentName = posted.message().meta().get("agentName");
            }
        }
    }

    /** Ends the stream; a frame waiting for its catch-up goes on. */
    void stop() {
        Disposable current = stream;
        if (current != null) {
            current.dispose();
        }
        endCatchUp();
    }

    private void endCatchUp() {
        Sinks.Empty<Void> waiting = catchingUp;
        if (waiting != null) {
            catchingUp = null;
            waiting.tryEmitEmpty();
        }
    }

    private void failed(Throwable error) {
        endCatchUp();
        if (error instanceof SlowSubscriberException) {
            connection.closeNow(CloseStatus.SERVICE_OVERLOAD.withReason("reader too slow"));
            return;
        }
        log.warn("A visitor's conversation stream failed; the socket is closed so the widget resumes: {}", error.toString());
        connection.closeAfterFlush(CloseStatus.SERVER_ERROR.withReason("stream failed, reconnect"));
    }
}
