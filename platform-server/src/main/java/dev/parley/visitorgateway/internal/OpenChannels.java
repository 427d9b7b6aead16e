package dev.parley.visitorgateway.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelId;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServer;

/**
 * The server's open connections by channel, so a socket whose peer stopped reading can be cut: a
 * close frame queued behind unread data would never leave, and the connection would linger.
 */
final class OpenChannels implements NettyServerCustomizer {

    private final Map<ChannelId, Connection> open = new ConcurrentHashMap<>();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnConnection(connection -> {
            ChannelId id = connection.channel().id();
            open.put(id, connection);
            connection.onDispose(() -> open.remove(id));
        });
    }

    /** Closes the session's TCP connection at once, discarding anything unsent. No-op once it is closed. */
    void terminate(WebSocketSession session) {
        if (session instanceof ReactorNettyWebSocketSession netty) {
            Connection connection = open.get(netty.getChannelId());
            if (connection != null) {
                connection.dispose();
            }
        }
    }
}
