package dev.parley.bench.load;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The widget's heartbeat (docs/protocol.md): each visitor pings every 25 seconds, which keeps it
 * inside the server's idle timeout (75 s). Spread over five ticks, so a fifth of the visitors ping
 * every five seconds rather than all at once.
 */
final class Heartbeat {

    private static final long PING_SECONDS = 25;
    private static final int TICKS = 5;

    private Heartbeat() {
    }

    /**
     * Pings the open Parley visitors among {@code sockets} (other entries are skipped) from a daemon
     * thread named {@code name}, for as long as the process runs; {@code sockets} is read afresh at
     * every tick and must be safe to iterate from that thread.
     */
    static void start(String name, Supplier<List<? extends List<?>>> sockets) {
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        AtomicInteger tick = new AtomicInteger();
        pinger.scheduleAtFixedRate(() -> {
            int slot = tick.getAndIncrement() % TICKS;
            for (List<?> group : sockets.get()) {
                for (int i = slot; i < group.size(); i += TICKS) {
                    if (group.get(i) instanceof ParleyVisitor v && v.socket.isOpen()) {
                        v.ping();
                    }
                }
            }
        }, PING_SECONDS / TICKS, PING_SECONDS / TICKS, TimeUnit.SECONDS);
    }
}
