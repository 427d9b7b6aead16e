package dev.parley.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * A private redis-server on a free loopback port, for tests that stop, restart or disturb Redis:
 * never the shared one. The server dies with this JVM, even when the JVM is killed: a watcher
 * shell ends it once this process is gone. Test code: it waits.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path dir;
    private volatile long pid = -1;

    private RedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Whether redis-server is installed; tests that need their own Redis skip without it, unless CI requires services. */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/redis-server")) || Files.isExecutable(Path.of("/usr/local/bin/redis-server"));
    }

    public static RedisServer start() {
        try {
            RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("parley-redis-"));
            server.restart();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server again on the same port, empty; returns once it answers. */
    public void restart() {
        if (running()) {
            throw new IllegalStateException("redis-server is already running on " + port);
        }
        String command = "redis-server --port " + port + " --bind 127.0.0.1 --save '' --appendonly no --dir " + dir
                + " --logfile " + dir.resolve("redis.log") + " & R=$!; echo $R; "
                + "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null && kill -0 $R 2>/dev/null; do sleep 1; done; "
                + "kill -9 $R 2>/dev/null";
        try {
            Process watcher = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(watcher.getInputStream(), StandardCharsets.UTF_8));
            pid = Long.parseLong(out.readLine().trim());
        }
        catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot start redis-server: " + e, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!answers()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not answer on port " + port);
            }
            sleep(50);
        }
    }

    /** Stops the server at once (SIGKILL: nothing is flushed, every connection breaks) and waits until it is gone. */
    public void stop() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        process.ifPresent(ProcessHandle::destroyForcibly);
        process.ifPresent(p -> p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (answers() && System.nanoTime() < deadline) {
            sleep(50);
        }
    }

    public boolean running() {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code CLIENT KILL TYPE pubsub}: every subscription connection is cut; returns how many. */
    public long killPubSubClients() {
        return command(c -> c.sync().clientKill(KillArgs.Builder.typePubsub()));
    }

    /** How many clients subscribe to the shard channel, on this server. */
    public long shardSubscribers(String channel) {
        return command(c -> c.sync().pubsubShardNumsub(channel).getOrDefault(channel, 0L));
    }

    public List<String> shardChannels() {
        return command(c -> c.sync().pubsubShardChannels());
    }

    private <T> T command(java.util.function.Function<StatefulRedisConnection<String, String>, T> call) {
        RedisClient client = RedisClient.create(url());
        client.setOptions(ClientOptions.builder().autoReconnect(false).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return call.apply(connection);
        }
        finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException ignored) {
            // A temporary directory; the OS cleans it eventually.
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            return socket.getInputStream().read(reply) > 0 && new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
        catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
