package dev.parley.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.shared.Ids;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/**
 * The agent at the other end of a visitor's chat: a real console connection over RSocket, signed
 * in, online, and taking the chats routing gives them. It says things, types, reads, and watches
 * what the visitor does through its inbox stream, as the console would.
 */
final class AgentSide implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final Agent agent;
    private final AgentClient client;
    private final List<JsonNode> inbox = new CopyOnWriteArrayList<>();
    private final Disposable subscription;

    private AgentSide(ApplicationContext node, Agent agent) {
        this.agent = agent;
        int port = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
        WebTestClient http = LocalHttp.to(port);
        client = AgentClient.connect(port, AgentClient.login(http, agent.email(), "password-" + agent.displayName()));
        subscription = client.stream("inbox", Map.of()).subscribe(inbox::add);
        await(e -> "inbox.ready".equals(type(e)), "the inbox to start");
        client.call("status.set", Map.of("status", "online"));
    }

    /** A new agent, Alice, of the site's account, online before any visitor arrives. */
    static AgentSide online(ApplicationContext node, Site site) {
        Account account = new Account(site.accountId(), "Shop", null, null);
        return new AgentSide(node, new Fixtures(node).agent(account, "Alice", Role.AGENT));
    }

    /** The same agent again, for example on a restarted node. */
    static AgentSide online(ApplicationContext node, Agent agent) {
        return new AgentSide(node, agent);
    }

    Agent agent() {
        return agent;
    }

    /** Posts a message once routing has given the conversation to this agent; returns its seq once committed. */
    long say(String conversationId, String body) {
        awaitMine(conversationId);
        return client.call("conversations.send", Map.of("conversationId", conversationId, "clientMsgId", "agent-" + Ids.next(),
                "body", body)).path("seq").asLong();
    }

    void typing(String conversationId, boolean active) {
        awaitMine(conversationId);
        client.call("conversations.typing", Map.of("conversationId", conversationId, "active", active));
    }

    void read(String conversationId, long upToSeq) {
        client.call("conversations.read", Map.of("conversationId", conversationId, "upToSeq", upToSeq));
    }

    /** Waits until the conversation is assigned to this agent. */
    void awaitMine(String conversationId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode conversation = client.call("conversations.get", Map.of("conversationId", conversationId));
            if (agent.id().equals(conversation.path("assignedAgentId").asString(""))) {
                return;
            }
            pause();
        }
        throw new AssertionError("Conversation " + conversationId + " was not assigned to " + agent.displayName() + " within " + WAIT);
    }

    /** The visitor's live draft, once it matches. */
    String awaitVisitorDraft(Predicate<String> match) {
        return await(e -> "typing".equals(type(e)) && "visitor".equals(e.path("author").path("kind").asString())
                && e.path("active").asBoolean() && match.test(e.path("draft").asString("")), "a matching visitor draft")
                .path("draft").asString();
    }

    /** The visitor's message with this body. */
    JsonNode awaitVisitorMessage(String body) {
        return await(e -> "message".equals(type(e)) && "visitor".equals(e.path("author").path("kind").asString())
                && body.equals(e.path("body").asString()), "the visitor's message '" + body + "'");
    }

    /** The visitor's read mark reaching {@code seq}. */
    JsonNode awaitVisitorRead(long seq) {
        return await(e -> "read".equals(type(e)) && "visitor".equals(e.path("by").asString()) && e.path("upToSeq").asLong() >= seq,
                "the visitor reading up to " + seq);
    }

    /** The text messages of the conversation, oldest first, as stored: what visitor and agent wrote. */
    List<String> bodies(String conversationId) {
        JsonNode page = client.call("conversations.history", Map.of("conversationId", conversationId, "limit", 100));
        return page.path("messages").valueStream().filter(m -> "text".equals(m.path("kind").asString()))
                .map(m -> m.path("body").asString()).toList();
    }

    private JsonNode await(Predicate<JsonNode> match, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode event : inbox) {
                if (match.test(event)) {
                    return event;
                }
            }
            pause();
        }
        throw new AssertionError("The agent's inbox showed no " + what + " within " + WAIT);
    }

    private static String type(JsonNode event) {
        return event.path("type").asString();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        subscription.dispose();
        client.close();
    }
}
