package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP endpoint on 127.0.0.1 that records every webhook request and answers as told. */
public final class HookReceiver implements AutoCloseable {

    /** One request: headers by lower-case name, the body as sent. */
    public record Received(Map<String, String> headers, String body, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator status = n -> 204;

    private HookReceiver(HttpServer server) {
        this.server = server;
    }

    public static HookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            HookReceiver receiver = new HookReceiver(server);
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
                receiver.received.add(new Received(headers, new String(body, StandardCharsets.UTF_8), Instant.now()));
                int code = receiver.status.applyAsInt(receiver.count.getAndIncrement());
                exchange.sendResponseHeaders(code, -1);
                exchange.close();
            });
            server.setExecutor(receiver.threads);
            server.start();
            return receiver;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status the {@code n}-th request (from 0) is answered with. */
    public void answer(IntUnaryOperator status) {
        this.status = status;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
