package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One of the Node.js baselines in bench/node, started on a free loopback port. */
final class NodeRelay implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;

    private NodeRelay(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code script} is socketio-relay.mjs or ws-relay.mjs. */
    static NodeRelay start(Path nodeDir, String script, Path log) throws IOException, InterruptedException {
        int port = Procs.freePort();
        Process process = new ProcessBuilder(List.of("node", "--expose-gc", script, String.valueOf(port)))
                .directory(nodeDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Procs.track(process);
        NodeRelay relay = new NodeRelay(process, port);
        Procs.awaitOk("http://127.0.0.1:" + port + "/stats", process, Duration.ofSeconds(30));
        return relay;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    long rssBytes() {
        return Procs.rssBytes(process.pid());
    }

    double cpuSeconds() {
        return Procs.cpuSeconds(process.pid());
    }

    /** V8 heap in use after a full collection (the server runs one before answering), in bytes. */
    long heapAfterGcBytes() throws IOException, InterruptedException {
        JsonNode stats = JSON.readTree(Procs.get("http://127.0.0.1:" + port + "/stats"));
        return stats.path("heapUsed").asLong() + stats.path("external").asLong();
    }

    @Override
    public void close() {
        Procs.stop(process, Duration.ofSeconds(10));
    }
}
