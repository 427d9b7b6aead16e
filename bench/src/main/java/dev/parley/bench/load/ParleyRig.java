package dev.parley.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;

/**
 * Parley set up for the chat benchmark the way it is used: agents sign in, open their consoles'
 * inbox and go online; visitors open sessions and start conversations, which routing assigns to
 * the agents within their capacity. Each conversation then has a visitor socket and the agent
 * connection that holds it.
 */
final class ParleyRig implements Rig {

    /** Sign-ins and sockets opened at once during set-up. */
    private static final int SETUP_CONCURRENCY = 32;
    private static final Duration STEP = Duration.ofSeconds(60);

    private final List<ParleyAgent> agents = new ArrayList<>();
    private final List<ParleyVisitor> visitors = new ArrayList<>();
    private final List<ParleyAgent> holders = new ArrayList<>();
    private final List<String> conversationIds = new ArrayList<>();
    private final AtomicLong inboxEnded = new AtomicLong();

    /** Agents are {@code [email, password]} pairs of one account; the site is that account's. */
    static ParleyRig setUp(Target target, List<List<String>> agentLogins, int conversations, Addresses addresses, Meter meter) {
        ParleyRig rig = new ParleyRig();
        Http http = new Http(target.port());
        rig.agents.addAll(ParleyAgent.signIn(target.port(), agentLogins, addresses, event -> {
            if (event.startsWith("{\"type\":\"message\"") && event.contains("\"author\":{\"kind\":\"visitor\"")) {
                meter.agentGot(event);
            }
        }, end -> {
            rig.inboxEnded.incrementAndGet();
            ParleyAgent.ERRORS.computeIfAbsent("inboxEnded." + ParleyAgent.code(end), code -> new java.util.concurrent.atomic.LongAdder()).increment();
        }));
        Map<String, ParleyAgent> byName = new HashMap<>();
        rig.agents.forEach(a -> byName.put(a.name, a));
        List<ParleyVisitor> started = Flux.range(0, conversations)
                .flatMapSequential(i -> http.post("/api/v1/widget/sessions", target.origin(), Map.of("siteKey", target.siteKey()))
                        .flatMap(session -> ParleyVisitor.hello(target.port(), addresses.next(), target.siteKey(), target.origin(),
                                session.path("token").asString(), null, 0, STEP))
                        .flatMap(visitor -> visitor.start(null, STEP).thenReturn(visitor)), SETUP_CONCURRENCY)
                .collectList().block(STEP.multipliedBy(5));
        for (ParleyVisitor visitor : started) {
            String agentName = visitor.assigned(STEP).block(STEP.plusSeconds(5));
            ParleyAgent holder = byName.get(agentName);
            if (holder == null) {
                throw new IllegalStateException("Conversation assigned to an unknown agent: " + agentName);
            }
            visitor.onAgentMessage(meter::visitorGot);
            rig.visitors.add(visitor);
            rig.holders.add(holder);
            rig.conversationIds.add(visitor.conversationId);
        }
        return rig;
    }

    @Override
    public int conversations() {
        return visitors.size();
    }

    @Override
    public void fromVisitor(int conversation, long k, String body) {
        visitors.get(conversation).send("v" + k, body);
    }

    @Override
    public void fromAgent(int conversation, long k, String body) {
        holders.get(conversation).send(conversationIds.get(conversation), "a" + k, body);
    }

    @Override
    public Map<String, Long> errors() {
        Map<String, Long> errors = new HashMap<>();
        ParleyVisitor.ERRORS.forEach((code, n) -> errors.put("visitor." + code, n.sum()));
        ParleyAgent.ERRORS.forEach((code, n) -> errors.put("agent." + code, n.sum()));
        long closed = visitors.stream().filter(v -> !v.socket.isOpen()).count();
        if (closed > 0) {
            errors.put("visitor.socketClosed", closed);
        }
        if (inboxEnded.get() > 0) {
            errors.put("agent.inboxEnded", inboxEnded.get());
        }
        return errors;
    }

    @Override
    public void close() {
        visitors.forEach(v -> v.socket.close());
        agents.forEach(ParleyAgent::close);
    }

    /** Where the Parley under test listens and the site its visitors come from. */
    record Target(int port, String siteKey, String origin) {
    }
}
