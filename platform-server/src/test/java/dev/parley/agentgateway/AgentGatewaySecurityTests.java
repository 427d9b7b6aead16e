package dev.parley.agentgateway;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.conversation.Conversation;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.exceptions.RejectedSetupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may use the console's RSocket gateway, and what one account's agent can reach of another's. */
@ParleyIntegrationTest
class AgentGatewaySecurityTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Fixtures fixtures;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(context);
        http = LocalHttp.to(port);
    }

    @Test
    void withoutAValidTokenTheSetUpIsRejected() {
        for (String token : new String[] {null, "not-a-jwt", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"}) {
            try (AgentClient client = AgentClient.connect(port, token)) {
                assertThatThrownBy(() -> client.call("conversations.list", Map.of("view", "mine")))
                        .as("token %s", token)
                        .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(RejectedSetupException.class),
                                e -> assertThat(e).hasRootCauseInstanceOf(RejectedSetupException.class),
                                e -> assertThat(e.getMessage()).containsIgnoringCase("denied"));
            }
        }
    }

    @Test
    void onlyTheConsolesOwnPagesMayOpenTheSocket() throws Exception {
        for (String origin : List.of("https://evil.example", "http://127.0.0.1.evil.example:" + port, "null",
                "http://127.0.0.1:" + (port + 1))) {
            assertThat(handshake("Origin: " + origin + "\r\n")).as(origin).startsWith("HTTP/1.1 403").contains("\"origin_not_allowed\"");
        }
        assertThat(handshake("")).as("no Origin").startsWith("HTTP/1.1 403");
        assertThat(handshake("Origin: http://127.0.0.1:" + port + "\r\n")).startsWith("HTTP/1.1 101");
    }

    /** A WebSocket upgrade request to /rsocket; the response's head and body, as far as they come. */
    private String handshake(String originLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /rsocket HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + originLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[4096];
            StringBuilder response = new StringBuilder();
            try {
                for (int n; response.indexOf("}") < 0 && !response.toString().contains(" 101 ") && (n = socket.getInputStream().read(buffer)) > 0; ) {
                    response.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            }
            catch (java.net.SocketTimeoutException e) {
                // What arrived is the answer.
            }
            return response.toString();
        }
    }

    @Test
    void aSignedOutTokenIsRejectedAndItsOpenConnectionEndsWithinFiveSeconds() {
        Account account = fixtures.account("Acme");
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        String token = AgentClient.login(http, alice.email(), "password-Alice");
        try (AgentClient open = AgentClient.connect(port, token)) {
            open.call("conversations.list", Map.of("view", "mine"));
            http.post().uri("/api/v1/auth/logout").header("Authorization", "Bearer " + token)
                    .exchange().expectStatus().isNoContent();
            long started = System.nanoTime();
            open.onClose().block(Duration.ofSeconds(8));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
        try (AgentClient again = AgentClient.connect(port, token)) {
            assertThatThrownBy(() -> again.call("conversations.list", Map.of("view", "mine"))).isNotNull();
        }
    }

    @Test
    void anAgentOfAnotherAccountFindsNothingOnAnyRoute() {
        Account mine = fixtures.account("Mine");
        Site site = fixtures.site(mine, "https://shop.example");
        Conversation conversation = fixtures.conversation(site);
        Account theirs = fixtures.account("Theirs");
        Agent eve = fixtures.agent(theirs, "Eve", Role.ADMIN);
        String token = AgentClient.login(http, eve.email(), "password-Eve");
        try (AgentClient client = AgentClient.connect(port, token)) {
            String id = conversation.id();
            String missing = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
            List<Map<String, Object>> calls = List.of(
                    Map.of("route", "conversations.get", "data", Map.of("conversationId", id)),
                    Map.of("route", "conversations.history", "data", Map.of("conversationId", id)),
                    Map.of("route", "conversations.send", "data", Map.of("conversationId", id, "clientMsgId", "x1", "body", "hi")),
                    Map.of("route", "conversations.note", "data", Map.of("conversationId", id, "clientMsgId", "x2", "body", "hi")),
                    Map.of("route", "conversations.read", "data", Map.of("conversationId", id, "upToSeq", 1)),
                    Map.of("route", "conversations.close", "data", Map.of("conversationId", id)),
                    Map.of("route", "conversations.reopen", "data", Map.of("conversationId", id)),
                    Map.of("route", "conversations.transfer", "data", Map.of("conversationId", id, "agentId", eve.id())),
                    Map.of("route", "conversations.assign", "data", Map.of("conversationId", id, "agentId", eve.id())),
                    Map.of("route", "queue.claim", "data", Map.of("conversationId", id)),
                    Map.of("route", "visitors.ban", "data", Map.of("visitorId", conversation.visitorId())));
            for (Map<String, Object> call : calls) {
                String forbidden = error(client, (String) call.get("route"), call.get("data"));
                String absent = error(client, (String) call.get("route"),
                        replace((Map<?, ?>) call.get("data"), id, conversation.visitorId(), missing));
                assertThat(forbidden).as(call.get("route").toString()).contains("\"not_found\"").isEqualTo(absent.replace(missing, id));
            }
            assertThat(client.call("conversations.list", Map.of("view", "all"))).isEmpty();
        }
    }

    @Test
    void anAgentCannotUseSupervisorRoutesNorActOnChatsThatAreNotTheirs() {
        Account account = fixtures.account("Acme");
        Site site = fixtures.site(account, "https://shop.example");
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        Conversation conversation = fixtures.conversation(site);
        try (AgentClient client = AgentClient.connect(port, AgentClient.login(http, alice.email(), "password-Alice"))) {
            assertThat(error(client, "conversations.list", Map.of("view", "all"))).contains("\"forbidden\"");
            assertThat(error(client, "conversations.assign", Map.of("conversationId", conversation.id(), "agentId", alice.id())))
                    .contains("\"forbidden\"");
            assertThat(error(client, "conversations.send", Map.of("conversationId", conversation.id(), "clientMsgId", "a", "body", "hi")))
                    .contains("\"not_assigned\"");
        }
        http.get().uri("/api/v1/admin/audit-log").header("Authorization", "Bearer " + AgentClient.login(http, alice.email(), "password-Alice"))
                .exchange().expectStatus().isForbidden();
    }

    static String error(AgentClient client, String route, Object data) {
        try {
            client.call(route, data);
            return "no error";
        }
        catch (ApplicationErrorException e) {
            return e.getMessage();
        }
        catch (RuntimeException e) {
            return "connection failed: " + e;
        }
    }

    static Map<String, Object> replace(Map<?, ?> data, String id, String visitorId, String missing) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        data.forEach((k, v) -> copy.put((String) k, id.equals(v) || visitorId.equals(v) ? missing : v));
        return copy;
    }
}
