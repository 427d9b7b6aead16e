package dev.parley.transcript;

import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.MailServer;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.WidgetClient;
import dev.parley.testing.WidgetSessions;
import io.rsocket.exceptions.ApplicationErrorException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transcript asked for over the sockets: a visitor's {@code transcript} frame and the console's
 * {@code conversations.transcript.email} route, each received by GreenMail, refusals first.
 */
@ParleyIntegrationTest
class TranscriptSocketTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";
    static final MailServer mail = new MailServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        mail.register(registry);
        registry.add("parley.transcript.visitor-emails-per-hour", () -> 1);
    }

    @AfterAll
    static void stop() {
        mail.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    Account account;
    Site site;
    Agent alice;

    @BeforeEach
    void setUp() {
        Fixtures fixtures = new Fixtures(context);
        http = LocalHttp.to(port);
        account = fixtures.account("Acme");
        site = fixtures.site(account, ORIGIN);
        alice = fixtures.agent(account, "Alice", Role.AGENT);
    }

    /** The application error a route answers with. */
    static String error(AgentClient client, String route, Object data) {
        try {
            client.call(route, data);
            return "no error";
        }
        catch (ApplicationErrorException e) {
            return e.getMessage();
        }
    }

    String login(Agent agent) {
        return AgentClient.login(http, agent.email(), "password-" + agent.displayName());
    }

    /** A visitor chatting with Alice, who answered and wrote a note. */
    WidgetClient chatting(AgentClient agent) {
        agent.call("status.set", Map.of("status", "online"));
        WidgetClient visitor = WidgetClient.connect(port, site.siteKey(), ORIGIN);
        visitor.send(Map.of("type", "hello", "token", WidgetSessions.newToken(http, site.siteKey(), ORIGIN)));
        visitor.await("welcome", WAIT);
        visitor.send(Map.of("type", "start", "clientMsgId", "v1", "body", "Where is <i>my</i> parcel?"));
        String conversationId = visitor.await("assigned", WAIT).path("conversationId").asString();
        agent.call("conversations.send", Map.of("conversationId", conversationId, "clientMsgId", "a1", "body", "On its way!"));
        agent.call("conversations.note", Map.of("conversationId", conversationId, "clientMsgId", "n1", "body", "internal: courier late"));
        visitor.await(f -> "message".equals(f.path("type").asString()) && "On its way!".equals(f.path("body").asString()), WAIT);
        return visitor;
    }

    @Test
    void aVisitorWithoutAConversationOrAddressIsToldWhy() {
        try (WidgetClient visitor = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            visitor.send(Map.of("type", "transcript", "email", "ann@example.test"));
            assertThat(visitor.await("error", WAIT).path("code").asString()).isEqualTo("not_authenticated");
            visitor.send(Map.of("type", "hello", "token", WidgetSessions.newToken(http, site.siteKey(), ORIGIN)));
            visitor.await("welcome", WAIT);
            visitor.send(Map.of("type", "transcript", "email", "ann@example.test"));
            assertThat(visitor.await("error", WAIT).path("code").asString()).isEqualTo("no_conversation");
            visitor.send(Map.of("type", "start", "clientMsgId", "v1", "body", "Hello?"));
            visitor.await("started", WAIT);
            visitor.send(Map.of("type", "transcript"));
            JsonNode noAddress = visitor.await("error", WAIT);
            assertThat(noAddress.path("code").asString()).isEqualTo("invalid_email");
            assertThat(noAddress.path("ref").asString()).isEqualTo("transcript");
            visitor.send(Map.of("type", "transcript", "email", "ann@@example"));
            assertThat(visitor.await("error", WAIT).path("code").asString()).isEqualTo("invalid_email");
        }
        assertThat(mail.received()).isEmpty();
    }

    @Test
    void aVisitorGetsTheirViewByMailOncePerHourHere() throws Exception {
        try (AgentClient agent = AgentClient.connect(port, login(alice)); WidgetClient visitor = chatting(agent)) {
            int before = mail.received().length;
            visitor.send(Map.of("type", "transcript", "email", "ann@example.test"));
            assertThat(visitor.await("transcriptSent", WAIT).path("conversationId").asString()).isNotBlank();
            MimeMessage received = mail.await(before + 1)[before];
            assertThat(received.getAllRecipients()[0].toString()).isEqualTo("ann@example.test");
            String whole = GreenMailUtil.getWholeMessage(received);
            assertThat(whole).contains("On its way!").doesNotContain("courier late");
            assertThat(TranscriptEmailTests.part(received, "text/html")).contains("Where is &lt;i&gt;my&lt;/i&gt; parcel?")
                    .doesNotContain("<i>");

            visitor.send(Map.of("type", "transcript", "email", "ann@example.test"));
            JsonNode limited = visitor.await("error", WAIT);
            assertThat(limited.path("code").asString()).isEqualTo("rate_limited");
            assertThat(limited.path("ref").asString()).isEqualTo("transcript");
            assertThat(limited.path("retryable").asBoolean()).isTrue();
            assertThat(mail.received()).hasSize(before + 1);
        }
    }

    @Test
    void theAssignedAgentSendsItOverRSocketAndNoOtherAgentMay() throws Exception {
        Agent bob = new Fixtures(context).agent(account, "Bob", Role.AGENT);
        try (AgentClient agent = AgentClient.connect(port, login(alice)); WidgetClient visitor = chatting(agent);
                AgentClient other = AgentClient.connect(port, login(bob))) {
            JsonNode started = agent.call("conversations.list", Map.of("view", "mine"));
            String conversationId = started.get(0).path("id").asString();
            int before = mail.received().length;
            assertThat(error(other, "conversations.transcript.email", Map.of("conversationId", conversationId, "to", "x@example.test")))
                    .contains("\"not_found\"");
            assertThat(error(agent, "conversations.transcript.email", Map.of("conversationId", conversationId)))
                    .contains("\"no_email\"");
            assertThat(error(agent, "conversations.transcript.email", Map.of("conversationId", conversationId, "to", "nope")))
                    .contains("\"invalid_email\"");
            JsonNode sent = agent.call("conversations.transcript.email", Map.of("conversationId", conversationId, "to", "ann@example.test"));
            assertThat(sent.path("sent").asBoolean()).isTrue();
            MimeMessage received = mail.await(before + 1)[before];
            assertThat(received.getAllRecipients()[0].toString()).isEqualTo("ann@example.test");
            assertThat(GreenMailUtil.getWholeMessage(received)).contains("On its way!").doesNotContain("courier late");
        }
    }
}
