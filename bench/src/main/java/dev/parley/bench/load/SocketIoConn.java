package dev.parley.bench.load;

import java.time.Duration;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A Socket.IO 4 client over its WebSocket transport (Engine.IO protocol 4), as the chat
 * tutorial's page is once upgraded: it connects to the main namespace, answers the server's pings
 * and exchanges {@code chat message} events.
 */
final class SocketIoConn {

    private final Sinks.One<Boolean> connected = Sinks.one();
    private final Consumer<String> onMessage;
    private WsConn socket;

    private SocketIoConn(Consumer<String> onMessage) {
        this.onMessage = onMessage;
    }

    static Mono<SocketIoConn> connect(int port, String source, Consumer<String> onMessage, Duration timeout) {
        SocketIoConn conn = new SocketIoConn(onMessage);
        String url = "ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket";
        return WsConn.connect(source, url, null, (ws, text) -> conn.onFrame(ws, text))
                .flatMap(ws -> {
                    conn.socket = ws;
                    return conn.connected.asMono().timeout(timeout).doOnError(e -> ws.close());
                })
                .thenReturn(conn);
    }

    void join(String room) {
        socket.send("42[\"join\",\"" + room + "\"]");
    }

    /** Emits a {@code chat message} to the room's other participants. */
    void chat(String room, String body) {
        socket.send("42[\"chat message\",{\"room\":\"" + room + "\",\"body\":\"" + body + "\"}]");
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    void close() {
        socket.close();
    }

    private void onFrame(WsConn ws, String text) {
        if (text.startsWith("42")) {
            onMessage.accept(text);
        }
        else if (text.equals("2")) {
            ws.send("3");
        }
        else if (text.startsWith("0")) {
            // Engine.IO open: now join the main namespace.
            ws.send("40");
        }
        else if (text.startsWith("40")) {
            connected.tryEmitValue(true);
        }
    }
}
