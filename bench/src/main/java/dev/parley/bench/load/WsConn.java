package dev.parley.bench.load;

import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * One client WebSocket on Reactor Netty, bound to a chosen loopback source address. Text frames
 * arrive through a callback on the connection's event loop; {@link #send} may be called from any
 * thread and never blocks (frames queue until the socket writes them).
 */
final class WsConn {

    /** Far above any frame the benchmark exchanges; only a broken server would send more. */
    private static final int MAX_FRAME = 1 << 20;

    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<Void> closed = Sinks.one();
    private volatile Disposable connection;
    private volatile boolean open;

    private WsConn() {
    }

    /**
     * Connects to {@code url} from {@code sourceAddress} with the given {@code Origin} (none when
     * null). The Mono completes once the upgrade succeeded and fails when it is refused.
     */
    static Mono<WsConn> connect(String sourceAddress, String url, String origin, BiConsumer<WsConn, String> onText) {
        WsConn conn = new WsConn();
        Sinks.One<WsConn> opened = Sinks.one();
        conn.connection = HttpClient.newConnection()
                .bindAddress(() -> new InetSocketAddress(sourceAddress, 0))
                .headers(h -> {
                    if (origin != null) {
                        h.set("Origin", origin);
                    }
                })
                .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME).build())
                .uri(url)
                .handle((in, out) -> {
                    conn.open = true;
                    opened.tryEmitValue(conn);
                    Mono<Void> reading = in.aggregateFrames(MAX_FRAME).receiveFrames()
                            .doOnNext(frame -> {
                                if (frame instanceof TextWebSocketFrame text) {
                                    onText.accept(conn, text.text());
                                }
                            })
                            .then()
                            .doFinally(signal -> {
                                conn.open = false;
                                conn.outbound.tryEmitComplete();
                            });
                    Mono<Void> writing = out.sendString(conn.outbound.asFlux()).then();
                    return Mono.when(reading, writing);
                })
                .then()
                .subscribe(null, error -> {
                    conn.open = false;
                    opened.tryEmitError(error);
                    conn.closed.tryEmitEmpty();
                }, () -> {
                    conn.open = false;
                    opened.tryEmitError(new IllegalStateException("closed before it opened"));
                    conn.closed.tryEmitEmpty();
                });
        return opened.asMono();
    }

    /** Queues one text frame; frames sent after the socket closed are dropped. */
    void send(String text) {
        synchronized (outbound) {
            outbound.tryEmitNext(text);
        }
    }

    boolean isOpen() {
        return open;
    }

    /** Completes when the socket is closed, by either side. */
    Mono<Void> onClose() {
        return closed.asMono();
    }

    /** Drops the connection at once, without a closing handshake, as a closed browser tab does. */
    void close() {
        open = false;
        Disposable c = connection;
        if (c != null) {
            c.dispose();
        }
    }
}
