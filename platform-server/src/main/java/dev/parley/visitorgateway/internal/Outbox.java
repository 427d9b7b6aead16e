package dev.parley.visitorgateway.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Everything a socket sends, in one bounded queue, and the ways the socket ends. A reader that lets
 * the queue fill is closed with 1013 rather than allowed to grow memory. Thread-safe: the reading
 * thread and the bus's threads emit concurrently.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /**
     * How long a closing socket may take to deliver its last frames and close frame before its
     * connection is cut: a peer that stopped reading would otherwise hold it forever.
     */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    /**
     * Slots the queue grows by. An idle visitor has nothing queued, and a queue allocated at its
     * full bound (512 slots) cost every idle socket 2 KB; chunks of 16 cover a normal burst.
     */
    private static final int QUEUE_CHUNK = 16;

    private final WebSocketSession session;
    private final GatewayContext context;
    private final Sinks.Many<Object> frames;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger();
    private final Runnable onClose;
    private volatile CloseStatus closeAfterFlush;

    Outbox(WebSocketSession session, GatewayContext context, Runnable onClose) {
        this.session = session;
        this.context = context;
        this.onClose = onClose;
        this.frames = Sinks.many().unicast().onBackpressureBuffer(Queues.<Object>unbounded(QUEUE_CHUNK).get());
    }

    /** Sends the queued frames until the outbox completes, then the pending close frame, if any. */
    Mono<Void> drain() {
        return session.send(frames.asFlux()
                        .doOnNext(taken -> queued.decrementAndGet())
                        .map(frame -> session.textMessage(context.codec().encode(frame))))
                .then(Mono.defer(() -> closeAfterFlush == null ? Mono.<Void>empty() : session.close(closeAfterFlush)));
    }

    void emit(Object frame) {
        if (closing.get()) {
            return;
        }
        if (queued.incrementAndGet() > context.limits().outboundBufferFrames()) {
            queued.decrementAndGet();
            closeNow(CloseStatus.SERVICE_OVERLOAD.withReason("reader too slow"));
            return;
        }
        Sinks.EmitResult result = frames.tryEmitNext(frame);
        while (result == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
            // The other producer is mid-emit; its critical section is a queue offer.
            Thread.onSpinWait();
            result = frames.tryEmitNext(frame);
        }
        if (result.isFailure()) {
            queued.decrementAndGet();
        }
    }

    /** The socket ended from the other side: stop accepting frames. */
    void complete() {
        completeFrames();
    }

    /** Sends what is queued, then closes with {@code status}. */
    void closeAfterFlush(CloseStatus status) {
        if (closing.compareAndSet(false, true)) {
            closeAfterFlush = status;
            onClose.run();
            completeFrames();
            cutAfterGrace();
        }
    }

    /** Closes at once, dropping what is queued. */
    void closeNow(CloseStatus status) {
        if (closing.compareAndSet(false, true)) {
            onClose.run();
            completeFrames();
            session.close(status).subscribe(null, e -> log.debug("Closing a socket failed: {}", e.toString()));
            cutAfterGrace();
        }
    }

    /**
     * Completes the queue even while another thread is mid-emit: an unchecked failed complete left
     * the socket open until the grace cut, so the widget saw 1006 instead of the close status.
     */
    private void completeFrames() {
        while (frames.tryEmitComplete() == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
            Thread.onSpinWait();
        }
    }

    private void cutAfterGrace() {
        Mono.delay(CLOSE_GRACE, context.timers()).subscribe(tick -> context.channels().terminate(session));
    }
}
