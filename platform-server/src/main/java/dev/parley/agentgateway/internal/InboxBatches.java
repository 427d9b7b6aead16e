package dev.parley.agentgateway.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.internal.ThreadExecutorMap;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

/**
 * Joins the inbox frames that are waiting at the same moment into one
 * {@code {"type":"batch","events":[…]}} frame, for consoles that asked for batches. A burst of new
 * chats sends every console of the account an "opened" and an "assigned" per chat; each frame
 * costs the node (and the browser) a payload, an RSocket and a WebSocket frame whatever its size,
 * so a console that is sent a hundred events at once now gets a few frames.
 *
 * <p>Frames are taken as they come and sent from the console connection's event loop, the thread
 * that writes them anyway: what piles up while that loop is busy goes as one frame, and a frame
 * waiting alone goes on by itself and unchanged, so a quiet inbox waits for nothing. Frames are
 * delivered in order and only on the console's demand (a batch counts as one); at most
 * {@link #WINDOW} frames wait here, on top of the subscription's own buffer. Errors and completion
 * follow the frames already taken.
 */
final class InboxBatches {

    /** The console's own request window: frames taken ahead of its demand, so bursts can be joined. */
    static final int WINDOW = 256;

    /** Bounds a batch frame: 64 events of a few hundred bytes stay well under the 64 KB frame limit of most proxies. */
    static final int MAX_EVENTS = 64;

    private static final byte[] OPEN = "{\"type\":\"batch\",\"events\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);

    private InboxBatches() {
    }

    /**
     * {@code frames} (each a JSON object) with the ones waiting together joined, sent from the event
     * loop that subscribes (the console connection's, where the request arrived), or from Reactor's
     * parallel scheduler when a thread of no event loop subscribes.
     */
    static Flux<byte[]> of(Flux<byte[]> frames) {
        return Flux.defer(() -> {
            Executor loop = ThreadExecutorMap.currentExecutor();
            return of(frames, loop != null ? loop : task -> Schedulers.parallel().schedule(task));
        });
    }

    /** As {@link #of(Flux)}, sending from {@code sender}, which need not keep its tasks in order. */
    static Flux<byte[]> of(Flux<byte[]> frames, Executor sender) {
        return Flux.create(sink -> new Joiner(sink, sender).start(frames));
    }

    private static final class Joiner extends BaseSubscriber<byte[]> {

        private final FluxSink<byte[]> sink;
        private final Executor sender;
        private final Queue<byte[]> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean done;
        private volatile Throwable error;

        Joiner(FluxSink<byte[]> sink, Executor sender) {
            this.sink = sink;
            this.sender = sender;
        }

        void start(Flux<byte[]> frames) {
            sink.onRequest(n -> schedule());
            sink.onDispose(() -> {
                dispose();
                waiting.clear();
            });
            frames.subscribe(this);
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(WINDOW);
        }

        @Override
        protected void hookOnNext(byte[] frame) {
            waiting.offer(frame);
            schedule();
        }

        @Override
        protected void hookOnComplete() {
            done = true;
            schedule();
        }

        @Override
        protected void hookOnError(Throwable failure) {
            error = failure;
            done = true;
            schedule();
        }

        // One drain at a time (the counter hands over between tasks), so the sender may be any executor.
        private void schedule() {
            if (wip.getAndIncrement() == 0) {
                sender.execute(this::drain);
            }
        }

        private void drain() {
            int missed = 1;
            do {
                while (sink.requestedFromDownstream() > 0 && !waiting.isEmpty() && !sink.isCancelled()) {
                    int taken = emit();
                    request(taken);
                }
                if (done && waiting.isEmpty()) {
                    Throwable failure = error;
                    if (failure != null) {
                        sink.error(failure);
                    }
                    else {
                        sink.complete();
                    }
                    return;
                }
                missed = wip.addAndGet(-missed);
            }
            while (missed != 0);
        }

        /** Sends what waits (up to {@link #MAX_EVENTS}) as one frame; returns how many frames it took. */
        private int emit() {
            byte[] first = waiting.poll();
            byte[] next = waiting.peek();
            if (next == null) {
                sink.next(first);
                return 1;
            }
            ByteArrayOutputStream batch = new ByteArrayOutputStream(OPEN.length + first.length * 8);
            batch.writeBytes(OPEN);
            batch.writeBytes(first);
            int taken = 1;
            for (; taken < MAX_EVENTS && (next = waiting.poll()) != null; taken++) {
                batch.write(',');
                batch.writeBytes(next);
            }
            batch.writeBytes(CLOSE);
            sink.next(batch.toByteArray());
            return taken;
        }
    }
}
