package dev.parley.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import dev.parley.testing.AgentClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/**
 * An agent's console as the protocol describes it (docs/protocol.md, agent console): one RSocket
 * connection with the inbox stream, reconnecting after any close with the cursors it holds; the
 * history of each conversation it is given is read once; replies are retried with their original
 * client id until acknowledged. Records what it was sent and acknowledged, for the checker.
 * Thread-safe; test code.
 */
final class ChatAgent {

    final String name;
    final String agentId;
    private final String accessToken;
    private final IntSupplier target;
    private final ScheduledExecutorService timers;
    /** Per conversation, every seq the inbox delivered, in order. */
    final Map<String, List<Long>> delivered = new HashMap<>();
    final Map<String, TreeSet<Long>> history = new HashMap<>();
    final Set<String> mine = new LinkedHashSet<>();
    final Map<String, Long> acks = new LinkedHashMap<>();
    /** The conversation of each acknowledged reply. */
    final Map<String, String> ackedIn = new LinkedHashMap<>();
    final Map<String, String[]> unacked = new LinkedHashMap<>();
    final List<String> violations = new ArrayList<>();
    /** How often each error code answered a reply. */
    final Map<String, Integer> refusals = new java.util.TreeMap<>();
    int connections;
    /** The last lifecycle steps (connects, losses and why), for a failure message. */
    final java.util.Deque<String> journal = new java.util.ArrayDeque<>();
    /** Set when its console went away for good: it no longer follows its conversations. */
    volatile boolean vanished;
    private AgentClient client;
    private Disposable inbox;
    private boolean reconnects = true;
    private boolean stopped;
    private int sent;
    private int turn;
    /** Numbers the inbox's routing events, so a list reload never undoes a newer one. */
    private long routingEvents;
    private final Map<String, Long> routedAt = new HashMap<>();

    ChatAgent(String name, String agentId, String accessToken, IntSupplier target, ScheduledExecutorService timers) {
        this.name = name;
        this.agentId = agentId;
        this.accessToken = accessToken;
        this.target = target;
        this.timers = timers;
    }

    /** Connects, goes online, and opens the inbox with the cursors held. */
    synchronized void connect() {
        if (stopped) {
            return;
        }
        int port = target.getAsInt();
        AgentClient fresh = AgentClient.connect(port, accessToken);
        client = fresh;
        connections++;
        note("connect #" + connections + " to " + port + " with cursors of " + delivered.size());
        List<Map<String, Object>> cursors = new ArrayList<>();
        for (String id : delivered.keySet()) {
            cursors.add(Map.of("conversationId", id, "lastSeq", last(id)));
        }
        fresh.request("status.set", Map.of("status", "online"))
                .subscribe(ok -> { }, error -> lost(fresh, "status.set failed: " + error.getMessage()));
        inbox = fresh.stream("inbox", Map.of("cursors", cursors))
                .subscribe(this::onEvent, error -> {
                    synchronized (this) {
                        refusals.merge("inbox " + codeOf(error), 1, Integer::sum);
                    }
                    lost(fresh, "inbox failed: " + error.getMessage());
                }, () -> lost(fresh, "inbox completed"));
        fresh.onClose().subscribe(null, null, () -> lost(fresh, "connection closed"));
    }

    /** After this the agent never reconnects: its console is gone for good. */
    synchronized void vanishOnNextClose() {
        reconnects = false;
    }

    /** Sends again what was not acknowledged, with the same client ids. */
    synchronized void retryOnly() {
        if (client == null) {
            return;
        }
        for (Map.Entry<String, String[]> pending : new ArrayList<>(unacked.entrySet())) {
            send(pending.getKey(), pending.getValue()[0], pending.getValue()[1]);
        }
    }

    /** Replies in the next of its conversations, round robin, after retrying what is unacknowledged. */
    synchronized void replyOnce() {
        if (client == null) {
            return;
        }
        retryOnly();
        List<String> held = new ArrayList<>(mine);
        if (held.isEmpty()) {
            return;
        }
        String conversationId = held.get(turn++ % held.size());
        String clientMsgId = name + "-" + (++sent);
        unacked.put(clientMsgId, new String[] {conversationId, "Reply " + sent + " from " + name});
        send(clientMsgId, conversationId, "Reply " + sent + " from " + name);
    }

    synchronized void stop() {
        stopped = true;
        if (client != null) {
            client.close();
        }
    }

    synchronized long last(String conversationId) {
        long max = 0;
        for (long seq : delivered.getOrDefault(conversationId, List.of())) {
            max = Math.max(max, seq);
        }
        TreeSet<Long> read = history.get(conversationId);
        return read == null || read.isEmpty() ? max : Math.max(max, read.last());
    }

    synchronized boolean idle() {
        return unacked.isEmpty();
    }

    synchronized List<String> mineNow() {
        return new ArrayList<>(mine);
    }

    synchronized boolean connected() {
        return client != null;
    }

    /** What the agent holds of {@code conversationId}: delivered live or read from history. */
    synchronized TreeSet<Long> holds(String conversationId) {
        TreeSet<Long> held = new TreeSet<>(history.getOrDefault(conversationId, new TreeSet<>()));
        held.addAll(delivered.getOrDefault(conversationId, List.of()));
        return held;
    }

    synchronized String describe() {
        return name + " (" + (client != null ? "connected" : "disconnected") + ", " + connections + " connections; " + String.join(" | ", journal) + ")";
    }

    /** The application error's code, or the kind of failure when it carries none (a transport error, or a server fault leaking through). */
    private static String codeOf(Throwable error) {
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("\"code\":\"([a-z_]+)\"").matcher(String.valueOf(error.getMessage()));
        return code.find() ? code.group(1) : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private static String tail(String id) {
        return id == null ? "?" : id.substring(Math.max(0, id.length() - 6));
    }

    private void note(String step) {
        if (journal.size() == 40) {
            journal.removeFirst();
        }
        journal.addLast(String.format("%tT.%<tL %s", System.currentTimeMillis(), step));
    }

    private void send(String clientMsgId, String conversationId, String body) {
        AgentClient current = client;
        current.request("conversations.send", Map.of("conversationId", conversationId, "clientMsgId", clientMsgId, "body", body))
                .timeout(Duration.ofSeconds(10))
                .subscribe(ack -> acked(clientMsgId, ack), error -> refused(clientMsgId, error));
    }

    private synchronized void acked(String clientMsgId, JsonNode ack) {
        Long earlier = acks.put(clientMsgId, ack.path("seq").asLong());
        if (earlier != null && earlier != ack.path("seq").asLong()) {
            violations.add("ack of " + clientMsgId + " changed seq " + earlier + " -> " + ack.path("seq").asLong());
        }
        String[] pending = unacked.remove(clientMsgId);
        if (pending != null) {
            ackedIn.put(clientMsgId, pending[0]);
        }
    }

    private synchronized void refused(String clientMsgId, Throwable error) {
        String message = String.valueOf(error.getMessage());
        refusals.merge(codeOf(error), 1, Integer::sum);
        // The chat went to someone else or closed: nothing was stored, and nothing is to be retried.
        if (message.contains("not_assigned") || message.contains("not_found") || message.contains("conversation_closed")) {
            unacked.remove(clientMsgId);
        }
    }

    private synchronized void onEvent(JsonNode event) {
        String type = event.path("type").asString();
        String conversationId = event.path("conversationId").asString(null);
        if ("message".equals(type)) {
            long seq = event.path("seq").asLong();
            List<Long> seen = delivered.computeIfAbsent(conversationId, id -> new ArrayList<>());
            if (!seen.isEmpty() && seq <= seen.get(seen.size() - 1)) {
                violations.add(conversationId + ": seq " + seq + " after " + seen.get(seen.size() - 1));
            }
            seen.add(seq);
        }
        if (type.startsWith("conversation.") && conversationId != null) {
            routedAt.put(conversationId, ++routingEvents);
        }
        if ("conversation.assigned".equals(type)) {
            if (agentId.equals(event.path("agentId").asString())) {
                note("assigned " + tail(conversationId));
                if (mine.add(conversationId)) {
                    delivered.computeIfAbsent(conversationId, id -> new ArrayList<>());
                    timers.execute(() -> readHistory(conversationId));
                }
            }
            else if (mine.remove(conversationId)) {
                note("assigned away " + tail(conversationId));
            }
        }
        else if ("conversation.requeued".equals(type) || "conversation.closed".equals(type)) {
            if (mine.remove(conversationId)) {
                note(type + " " + tail(conversationId));
            }
        }
        else if ("inbox.ready".equals(type)) {
            note("ready");
            // As the console does: what changed while it was away is learnt from the list, not from events.
            long asOf = routingEvents;
            AgentClient current = client;
            timers.execute(() -> reloadMine(current, asOf));
        }
    }

    /** Reconciles {@link #mine} with the server's list, except conversations whose routing changed since {@code asOf}. */
    private void reloadMine(AgentClient from, long asOf) {
        JsonNode listed;
        try {
            listed = from.request("conversations.list", Map.of("view", "mine", "limit", 100)).block(Duration.ofSeconds(10));
        }
        catch (RuntimeException e) {
            // The connection is gone or the server is unavailable: the next ready reloads.
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode conversation : listed) {
            ids.add(conversation.path("id").asString());
        }
        List<String> added = new ArrayList<>();
        synchronized (this) {
            if (client != from) {
                return;
            }
            for (String id : new ArrayList<>(mine)) {
                if (!ids.contains(id) && routedAt.getOrDefault(id, 0L) <= asOf) {
                    mine.remove(id);
                    note("reload dropped " + tail(id));
                }
            }
            for (String id : ids) {
                if (routedAt.getOrDefault(id, 0L) <= asOf && mine.add(id)) {
                    delivered.computeIfAbsent(id, k -> new ArrayList<>());
                    added.add(id);
                    note("reload added " + tail(id));
                }
            }
        }
        added.forEach(id -> timers.execute(() -> readHistory(id)));
    }

    /** Pages the conversation's whole history once, as the console does for a chat it is given. */
    private void readHistory(String conversationId) {
        Long before = null;
        for (int round = 0; round < 50; round++) {
            AgentClient current;
            synchronized (this) {
                current = client;
            }
            Map<String, Object> request = new HashMap<>(Map.of("conversationId", conversationId, "limit", 100));
            if (before != null) {
                request.put("beforeSeq", before);
            }
            JsonNode page;
            try {
                page = current.request("conversations.history", request).block(Duration.ofSeconds(10));
            }
            catch (RuntimeException e) {
                timers.schedule(() -> readHistory(conversationId), 1, TimeUnit.SECONDS);
                return;
            }
            long smallest = Long.MAX_VALUE;
            synchronized (this) {
                TreeSet<Long> read = history.computeIfAbsent(conversationId, id -> new TreeSet<>());
                for (JsonNode message : page.path("messages")) {
                    read.add(message.path("seq").asLong());
                    smallest = Math.min(smallest, message.path("seq").asLong());
                }
            }
            if (!page.path("hasMore").asBoolean() || smallest == Long.MAX_VALUE) {
                return;
            }
            before = smallest;
        }
    }

    private synchronized void lost(AgentClient which, String why) {
        if (client != which || stopped) {
            return;
        }
        note("lost: " + why);
        client = null;
        if (inbox != null) {
            inbox.dispose();
        }
        which.close();
        vanished = !reconnects;
        if (reconnects) {
            timers.schedule(this::connect, 500 + (long) (Math.random() * 500), TimeUnit.MILLISECONDS);
        }
    }
}
