package dev.parley.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;

/**
 * The baselines set up with Parley's client counts: each conversation's visitor has a socket;
 * with Socket.IO, agents hold a socket each and join their conversations' rooms, as with Parley;
 * the raw ws relay only pairs sockets, so each conversation has an agent-side socket of its own.
 */
final class RelayRig implements Rig {

    private static final int SETUP_CONCURRENCY = 32;
    private static final Duration STEP = Duration.ofSeconds(60);

    private final List<SocketIoConn> ioVisitors = new ArrayList<>();
    private final List<SocketIoConn> ioAgents = new ArrayList<>();
    private final List<WsConn> wsVisitors = new ArrayList<>();
    private final List<WsConn> wsAgents = new ArrayList<>();
    private final int agentCount;

    private RelayRig(int agentCount) {
        this.agentCount = agentCount;
    }

    static RelayRig socketIo(int port, int conversations, int agents, Addresses addresses, Meter meter) {
        RelayRig rig = new RelayRig(agents);
        rig.ioVisitors.addAll(Flux.range(0, conversations)
                .flatMapSequential(i -> SocketIoConn.connect(port, addresses.next(), meter::visitorGot, STEP), SETUP_CONCURRENCY)
                .collectList().block(STEP.multipliedBy(2)));
        rig.ioAgents.addAll(Flux.range(0, agents)
                .flatMapSequential(i -> SocketIoConn.connect(port, addresses.next(), meter::agentGot, STEP), SETUP_CONCURRENCY)
                .collectList().block(STEP));
        for (int i = 0; i < conversations; i++) {
            rig.ioVisitors.get(i).join(room(i));
            rig.ioAgents.get(i % agents).join(room(i));
        }
        return rig;
    }

    static RelayRig ws(int port, int conversations, Addresses addresses, Meter meter) {
        RelayRig rig = new RelayRig(conversations);
        String base = "ws://127.0.0.1:" + port + "/?pair=";
        // Visitor sides first: the relay pairs the first two sockets of a pair in arrival order.
        rig.wsVisitors.addAll(Flux.range(0, conversations)
                .flatMapSequential(i -> WsConn.connect(addresses.next(), base + room(i), null, (c, text) -> meter.visitorGot(text)),
                        SETUP_CONCURRENCY)
                .collectList().block(STEP.multipliedBy(2)));
        rig.wsAgents.addAll(Flux.range(0, conversations)
                .flatMapSequential(i -> WsConn.connect(addresses.next(), base + room(i), null, (c, text) -> meter.agentGot(text)),
                        SETUP_CONCURRENCY)
                .collectList().block(STEP.multipliedBy(2)));
        return rig;
    }

    static String room(int conversation) {
        return "c" + conversation;
    }

    @Override
    public int conversations() {
        return Math.max(ioVisitors.size(), wsVisitors.size());
    }

    @Override
    public void fromVisitor(int conversation, long k, String body) {
        if (!ioVisitors.isEmpty()) {
            ioVisitors.get(conversation).chat(room(conversation), body);
        }
        else {
            wsVisitors.get(conversation).send(frame(conversation, body));
        }
    }

    @Override
    public void fromAgent(int conversation, long k, String body) {
        if (!ioAgents.isEmpty()) {
            ioAgents.get(conversation % agentCount).chat(room(conversation), body);
        }
        else {
            wsAgents.get(conversation).send(frame(conversation, body));
        }
    }

    private static String frame(int conversation, String body) {
        return "{\"room\":\"" + room(conversation) + "\",\"body\":\"" + body + "\"}";
    }

    @Override
    public Map<String, Long> errors() {
        Map<String, Long> errors = new HashMap<>();
        long closed = wsVisitors.stream().filter(c -> !c.isOpen()).count() + wsAgents.stream().filter(c -> !c.isOpen()).count();
        if (closed > 0) {
            errors.put("socketClosed", closed);
        }
        return errors;
    }

    @Override
    public void close() {
        ioVisitors.forEach(SocketIoConn::close);
        ioAgents.forEach(SocketIoConn::close);
        wsVisitors.forEach(WsConn::close);
        wsAgents.forEach(WsConn::close);
    }
}
