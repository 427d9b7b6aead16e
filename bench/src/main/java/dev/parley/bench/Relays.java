package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The baselines' part of the suite: idle connections and chat traffic, as for Parley. */
final class Relays {

    private Relays() {
    }

    static Map<String, Object> run(String relay, Path nodeDir, Path work, Phases phases, Options options) throws IOException, InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        String script = relay.equals("socketio") ? "socketio-relay.mjs" : "ws-relay.mjs";
        try (NodeRelay server = NodeRelay.start(nodeDir, script, work.resolve(relay + ".log"))) {
            Sut sut = new Sut() {
                public String client() {
                    return relay;
                }

                public Map<String, Object> target() {
                    return Map.of("port", server.port());
                }

                public long rssBytes() {
                    return server.rssBytes();
                }

                public long heapAfterGcBytes() throws IOException, InterruptedException {
                    return server.heapAfterGcBytes();
                }

                public double cpuSeconds() {
                    return server.cpuSeconds();
                }
            };
            if (options.measures("idle")) {
                result.put("idle", phases.idle(sut));
            }
            if (options.measures("chat")) {
                int agents = options.plan().chatAgents();
                result.put("chat", phases.chat(sut, Map.of("agents", agents), sut, Map.of("agents", agents)));
            }
        }
        return result;
    }
}
