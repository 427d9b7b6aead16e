package dev.parley.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Idle connected clients, for the memory-per-connection benchmark. Parley's are returning visitors:
 * each has a token and an open conversation from an earlier visit (provisioned by the orchestrator)
 * and reconnects with
 * {@code hello} and its last seq, as the widget does after a page load or a server restart; they
 * ping every 25 seconds as the widget does. The baselines' clients join a room each.
 */
final class IdlePool {

    /** Sockets opened at once: a brisk reconnect wave that a 2-core server absorbs. */
    private static final int CONCURRENCY = 64;
    private static final Duration STEP = Duration.ofSeconds(30);

    record Returning(String token, String conversationId, long lastSeq) {
    }

    private final List<Returning> book = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> open = Collections.synchronizedList(new ArrayList<>());
    private final Addresses addresses;

    IdlePool(Addresses addresses) {
        this.addresses = addresses;
        Heartbeat.start("idle-pinger", this::snapshot);
    }

    /** Reads the returning visitors the orchestrator provisioned: token, conversation id, last seq per line. */
    int load(java.nio.file.Path path) throws java.io.IOException {
        book.clear();
        for (String line : java.nio.file.Files.readAllLines(path)) {
            String[] fields = line.split("\t");
            book.add(new Returning(fields[0], fields[1], Long.parseLong(fields[2])));
        }
        return book.size();
    }

    /** Opens sockets until {@code total} are connected; {@code system} is parley, socketio or ws. */
    Map<String, Object> connect(String system, ParleyRig.Target target, int total) {
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        int from = open.size();
        if (system.equals("parley") && total > book.size()) {
            throw new IllegalStateException("Only " + book.size() + " returning visitors were created");
        }
        Flux.range(from, Math.max(0, total - from))
                .flatMap(i -> connectOne(system, target, i)
                        .doOnNext(open::add)
                        .onErrorResume(e -> {
                            failed.incrementAndGet();
                            return Mono.empty();
                        }), CONCURRENCY)
                .then().block(Duration.ofMinutes(30));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("connected", open.size());
        result.put("failed", failed.get());
        result.put("seconds", (System.nanoTime() - start) / 1e9);
        return result;
    }

    private Mono<Object> connectOne(String system, ParleyRig.Target target, int i) {
        return switch (system) {
            case "parley" -> {
                Returning r = book.get(i);
                yield ParleyVisitor.hello(target.port(), addresses.next(), target.siteKey(), target.origin(), r.token(), r.conversationId(),
                        r.lastSeq(), STEP).map(v -> (Object) v);
            }
            case "socketio" -> SocketIoConn.connect(target.port(), addresses.next(), frame -> { }, STEP).map(c -> {
                c.join("idle-" + i);
                return (Object) c;
            });
            case "ws" -> WsConn.connect(addresses.next(), "ws://127.0.0.1:" + target.port() + "/?pair=idle-" + i, null, (c, text) -> { })
                    .map(c -> (Object) c);
            default -> Mono.error(new IllegalArgumentException("Unknown system " + system));
        };
    }

    /** How many sockets are still open: the server may have closed some. */
    long stillOpen() {
        synchronized (open) {
            return open.stream().filter(c -> c instanceof ParleyVisitor v ? v.socket.isOpen()
                    : c instanceof WsConn w ? w.isOpen() : c instanceof SocketIoConn s && s.isOpen()).count();
        }
    }

    void closeAll() {
        List<Object> all;
        synchronized (open) {
            all = new ArrayList<>(open);
            open.clear();
        }
        for (Object c : all) {
            if (c instanceof ParleyVisitor v) {
                v.socket.close();
            }
            else if (c instanceof WsConn w) {
                w.close();
            }
            else if (c instanceof SocketIoConn s) {
                s.close();
            }
        }
    }

    /** The open sockets as they are now, for the heartbeat's thread. */
    private List<? extends List<?>> snapshot() {
        synchronized (open) {
            return List.of(new ArrayList<>(open));
        }
    }
}
