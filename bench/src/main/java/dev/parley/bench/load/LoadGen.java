package dev.parley.bench.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The load generator: a process of its own, so its CPU and memory are never the server's. It
 * reads one JSON command per line on standard input and answers each with one JSON line on
 * standard output; progress goes to standard error. Every target is on loopback.
 */
public final class LoadGen {

    private final Addresses addresses = new Addresses();
    private final Meter meter = new Meter();
    private final IdlePool idle = new IdlePool(addresses);
    private final RoutingRun routing = new RoutingRun();
    private Rig rig;

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        // Libraries log to stderr; stdout carries the answers only.
        System.setOut(System.err);
        LoadGen loadGen = new LoadGen();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode command = Http.JSON.readTree(line);
            Map<String, Object> answer;
            long cpu = Cpu.processNanos();
            long wall = System.nanoTime();
            try {
                answer = loadGen.execute(command);
            }
            catch (Exception e) {
                e.printStackTrace();
                answer = new LinkedHashMap<>();
                answer.put("error", e.toString());
            }
            answer.put("loadgenCpuSeconds", (Cpu.processNanos() - cpu) / 1e9);
            answer.put("wallSeconds", (System.nanoTime() - wall) / 1e9);
            out.println(Http.JSON.writeValueAsString(answer));
            if (command.path("cmd").asString().equals("quit")) {
                break;
            }
        }
        System.exit(0);
    }

    private Map<String, Object> execute(JsonNode c) throws Exception {
        String cmd = c.path("cmd").asString();
        ParleyRig.Target target = new ParleyRig.Target(c.path("port").asInt(), c.path("siteKey").asString(""), c.path("origin").asString(""));
        Map<String, Object> answer = new LinkedHashMap<>();
        switch (cmd) {
            case "visitors-file" -> answer.put("loaded", idle.load(java.nio.file.Path.of(c.path("path").asString())));
            case "idle" -> {
                answer.putAll(idle.connect(c.path("system").asString(), target, c.path("total").asInt()));
                answer.put("open", idle.stillOpen());
            }
            case "idle-open" -> answer.put("open", idle.stillOpen());
            case "idle-close" -> idle.closeAll();
            case "chat-setup" -> {
                long start = System.nanoTime();
                int conversations = c.path("conversations").asInt();
                rig = switch (c.path("system").asString()) {
                    case "parley" -> ParleyRig.setUp(target, logins(c), conversations, addresses, meter);
                    case "socketio" -> RelayRig.socketIo(target.port(), conversations, c.path("agents").asInt(), addresses, meter);
                    case "ws" -> RelayRig.ws(target.port(), conversations, addresses, meter);
                    default -> throw new IllegalArgumentException("Unknown system");
                };
                Thread.sleep(1_000);
                answer.put("conversations", rig.conversations());
                answer.put("seconds", (System.nanoTime() - start) / 1e9);
            }
            case "chat-run" -> answer.putAll(ChatRun.run(rig, meter, c.path("rate").asDouble(), c.path("warmup").asDouble(),
                    c.path("seconds").asDouble(), c.path("drain").asDouble()));
            case "chat-close" -> {
                if (rig != null) {
                    rig.close();
                    rig = null;
                }
            }
            case "routing-prepare" -> answer.put("burst", routing.prepare(target, logins(c), c.path("capacity").asInt(),
                    c.path("extra").asInt(), addresses));
            case "routing-fire" -> answer.putAll(routing.fire(c.path("burst").asInt()));
            case "routing-result" -> answer.putAll(routing.result(c.path("burst").asInt(), c.path("capacity").asInt()));
            case "routing-close" -> routing.close();
            case "quit" -> idle.closeAll();
            default -> throw new IllegalArgumentException("Unknown command " + cmd);
        }
        return answer;
    }

    private static List<List<String>> logins(JsonNode c) {
        List<List<String>> logins = new ArrayList<>();
        for (JsonNode agent : c.path("agents")) {
            logins.add(List.of(agent.path("email").asString(), agent.path("password").asString()));
        }
        return logins;
    }
}
