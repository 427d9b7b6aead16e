package dev.parley.visitorgateway.internal;

import java.time.Duration;

import dev.parley.conversation.Conversation;
import dev.parley.site.Site;
import dev.parley.storage.DatabaseOutages;
import dev.parley.visitor.Visitor;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One widget socket: reads frames in order, answers them, and forwards the followed conversation's
 * events through one bounded {@link Outbox}.
 */
final class VisitorConnection {

    private static final Logger log = LoggerFactory.getLogger(VisitorConnection.class);

    private final WebSocketSession session;
    private final Site site;
    private final String ip;
    private final GatewayContext context;
    private final FrameHandlers handlers;
    private final Outbox outbox;
    private final Following following;
    private volatile Disposable helloTimer;
    private volatile Disposable idleTimer;
    private volatile long lastInbound = System.nanoTime();
    private int protocolErrors;

    volatile Visitor visitor;
    private volatile String token;
    volatile Conversation conversation;

    VisitorConnection(WebSocketSession session, Site site, String ip, GatewayContext context) {
        this.session = session;
        this.site = site;
        this.ip = ip;
        this.context = context;
        this.outbox = new Outbox(session, context, this::stop);
        this.following = new Following(this, context);
        this.handlers = new FrameHandlers(this, context, bucket(context.limits().sendBurst(), context.limits().sendPerSecond()),
                bucket(context.limits().signalsPerSecond() * 2, context.limits().signalsPerSecond()));
    }

    /** Completes when the socket is closed, by either side. */
    Mono<Void> run() {
        helloTimer = Mono.delay(context.limits().helloTimeout(), context.timers()).subscribe(tick -> {
            if (visitor == null) {
                emit(OutboundFrames.error("hello_timeout", "Send a hello frame first", null, false));
                closeAfterFlush(CloseStatus.POLICY_VIOLATION.withReason("hello timeout"));
            }
        });
        Duration idle = context.limits().idleTimeout();
        // Checked by a timer rather than by timing out receive(): cancelling receive() makes Netty
        // close at once without a status, and the client would not learn why.
        idleTimer = Flux.interval(idle.dividedBy(4), context.timers()).subscribe(tick -> {
            if (System.nanoTime() - lastInbound > idle.toNanos()) {
                closeAfterFlush(CloseStatus.GOING_AWAY.withReason("idle"));
            }
        });
        Mono<Void> input = session.receive()
                .doOnNext(message -> lastInbound = System.nanoTime())
                // No prefetch: frames are handled one at a time anyway, and a prefetch queue would
                // cost every idle socket its slots. Detached when done: concatMap keeps its last
                // inner subscription, and an idle socket would hold its hello's whole finished
                // chain, database statements included (kilobytes each).
                .concatMap(message -> onMessage(message).onTerminateDetach(), 0)
                // A message reassembled from fragments outgrew the limit; a single oversized frame
                // never gets here, Netty's decoder closes it with 1009 itself.
                .onErrorResume(TooLongFrameException.class, tooBig -> {
                    closeNow(CloseStatus.TOO_BIG_TO_PROCESS.withReason("message too big"));
                    return Mono.empty();
                })
                .onErrorResume(CorruptedWebSocketFrameException.class, corrupt -> {
                    closeNow(new CloseStatus(corrupt.closeStatus().code(), corrupt.closeStatus().reasonText()));
                    return Mono.empty();
                })
                .doFinally(signal -> outbox.complete())
                .then();
        return input.and(outbox.drain()).doFinally(signal -> stop());
    }

    private Mono<Void> onMessage(WebSocketMessage message) {
        if (message.getType() != WebSocketMessage.Type.TEXT) {
            return message.getType() == WebSocketMessage.Type.BINARY
                    ? reject(FrameException.protocol("unsupported_frame", "Frames are JSON text"), null)
                    : Mono.empty();
        }
        InboundFrame frame;
        try {
            frame = context.codec().decode(message.getPayloadAsText());
        }
        catch (FrameException e) {
            return reject(e, null);
        }
        // Handlers refuse a frame by throwing FrameException, before or inside their Mono.
        return Mono.defer(() -> handlers.handle(frame))
                .onErrorResume(FrameException.class, e -> reject(e, FrameHandlers.ref(frame)))
                .onErrorResume(e -> {
                    if (DatabaseOutages.isOutage(e)) {
                        log.warn("A {} frame failed while the database was unreachable: {}", frame.getClass().getSimpleName(), e.toString());
                        emit(OutboundFrames.error("retry_later", "The service is briefly unavailable; try again", FrameHandlers.ref(frame),
                                true));
                        return Mono.empty();
                    }
                    log.error("Unexpected failure handling a {} frame", frame.getClass().getSimpleName(), e);
                    emit(OutboundFrames.error("internal_error", "Something went wrong on the server", FrameHandlers.ref(frame), true));
                    return Mono.empty();
                });
    }

    Mono<Void> reject(FrameException e, String ref) {
        emit(OutboundFrames.error(e.code(), e.getMessage(), ref, e.retryable()));
        if (e.protocolError() && ++protocolErrors >= context.limits().maxProtocolErrors()) {
            closeAfterFlush(CloseStatus.POLICY_VIOLATION.withReason("too many invalid frames"));
        }
        return Mono.empty();
    }

    /** See {@link Following#follow}. */
    Mono<Void> follow(Conversation followed, long afterSeq) {
        return following.follow(followed, afterSeq);
    }

    /** The newest message of the followed conversation this socket acknowledged or delivered. */
    long seenSeq() {
        return following.seenSeq();
    }

    void saw(long seq) {
        following.saw(seq);
    }

    void authenticated(Visitor authenticated, String presentedToken) {
        visitor = authenticated;
        token = presentedToken;
        Disposable timer = helloTimer;
        if (timer != null) {
            timer.dispose();
        }
    }

    /** Queues a frame. Called from the reading thread and the bus's threads alike. */
    void emit(Object frame) {
        outbox.emit(frame);
    }

    void closeAfterFlush(CloseStatus status) {
        outbox.closeAfterFlush(status);
    }

    void closeNow(CloseStatus status) {
        outbox.closeNow(status);
    }

    private void stop() {
        following.stop();
        for (Disposable d : new Disposable[] {helloTimer, idleTimer}) {
            if (d != null) {
                d.dispose();
            }
        }
    }

    /** The token this socket authenticated with: kept to re-point it when an identification merges visitors. */
    String token() {
        return token;
    }

    Site site() {
        return site;
    }

    String ip() {
        return ip;
    }

    private static SendRate bucket(int burst, int perSecond) {
        return new SendRate(burst, perSecond, System::nanoTime);
    }
}
