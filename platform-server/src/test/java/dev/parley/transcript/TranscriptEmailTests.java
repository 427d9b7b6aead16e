package dev.parley.transcript;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.MessageKind;
import dev.parley.conversation.OpenCommand;
import dev.parley.conversation.PostCommand;
import dev.parley.routing.Queues;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import dev.parley.testing.MailServer;
import dev.parley.testing.ParleyIntegrationTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import static dev.parley.testing.AdminHttp.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent mails a transcript over REST and GreenMail receives it: the visitor's view (no notes),
 * escaped HTML beside the text, refused for agents who do not hold the conversation, and limited
 * per hour, also when the requests arrive at once (the limit is lowered here to keep the test short).
 */
@ParleyIntegrationTest
class TranscriptEmailTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final MailServer mail = new MailServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        mail.register(registry);
        registry.add("parley.transcript.agent-emails-per-hour", () -> 2);
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
    Account acme;
    Agent alice;
    Conversation conversation;

    @BeforeEach
    void setUp() {
        http = AdminHttp.http(port);
        Fixtures fixtures = new Fixtures(context);
        acme = fixtures.account("Acme");
        Site site = fixtures.site(acme, "https://shop.example");
        alice = AdminHttp.agent(context, acme.id(), Role.AGENT, "Alice");
        fixtures.online(alice);
        Conversations conversations = context.getBean(Conversations.class);
        conversation = conversations.open(new OpenCommand(acme.id(), site.id(), fixtures.visitor(site),
                Map.of("email", "vera@example.test"), null)).block(WAIT);
        context.getBean(Queues.class).assign(acme.id(), conversation.id(), alice.id()).onErrorComplete().block(WAIT);
        Author visitor = Author.visitor(conversation.visitorId(), null);
        Author agent = Author.agent(alice.id(), "Alice");
        conversations.post(PostCommand.text(conversation.id(), "v1", visitor, "<b>bold?</b> <script>alert(1)</script>")).block(WAIT);
        conversations.post(PostCommand.text(conversation.id(), "a1", agent, "Here is your order status.")).block(WAIT);
        conversations.post(new PostCommand(conversation.id(), "n1", agent, MessageKind.NOTE, "internal: refund risk", Map.of())).block(WAIT);
    }

    WebTestClient.RequestHeadersSpec<?> send(String token, String body) {
        WebTestClient.RequestBodySpec spec = http.post().uri("/api/v1/conversations/" + conversation.id() + "/transcript/email")
                .header("Authorization", "Bearer " + token);
        return body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    /** The decoded content of the first part of this type, however the parts are nested. */
    static String part(jakarta.mail.Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void refusedWithoutATokenAndToAgentsWhoDoNotHoldIt() {
        int before = mail.received().length;
        problem(send(null, null), 401);
        String bob = AdminHttp.token(http, context, acme.id(), Role.AGENT);
        assertThat(problem(send(bob, null), 404).path("code").asString()).isEqualTo("not_found");
        String stranger = AdminHttp.token(http, context, new Fixtures(context).account("Globex").id(), Role.ADMIN);
        assertThat(problem(send(stranger, "{\"to\": \"x@example.test\"}"), 404).path("code").asString()).isEqualTo("not_found");
        assertThat(mail.received()).hasSize(before);
    }

    @Test
    void theVisitorReceivesTheirViewEscapedAndTheHourlyLimitHolds() throws Exception {
        int before = mail.received().length;
        String token = AdminHttp.token(http, alice);
        JsonNode bad = problem(send(token, "{\"to\": \"not an address\"}"), 400);
        assertThat(bad.path("code").asString()).isEqualTo("invalid_email");
        assertThat(bad.path("field").asString()).isEqualTo("to");

        send(token, null).exchange().expectStatus().isAccepted();
        MimeMessage received = mail.await(before + 1)[before];
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("vera@example.test");
        assertThat(received.getSubject()).isEqualTo("Your conversation with Shop");
        assertThat(GreenMailUtil.getWholeMessage(received)).doesNotContain("refund risk");
        String text = part(received, "text/plain");
        String html = part(received, "text/html");
        assertThat(text).contains("Visitor: <b>bold?</b> <script>alert(1)</script>").contains("Alice (agent): Here is your order status.");
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>bold");
        assertThat(html).contains("&lt;b&gt;bold?&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;");

        send(token, "{\"to\": \"someone.else@example.test\"}").exchange().expectStatus().isAccepted();
        assertThat(mail.await(before + 2)[before + 1].getAllRecipients()[0].toString()).isEqualTo("someone.else@example.test");
        JsonNode limited = problem(send(token, null), 429);
        assertThat(limited.path("code").asString()).isEqualTo("rate_limited");
        assertThat(mail.received()).hasSize(before + 2);
    }

    @Test
    void requestsArrivingAtOnceStillGetNoMoreThanTheHourlyLimit() {
        int before = mail.received().length;
        String token = AdminHttp.token(http, alice);
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        List<Integer> statuses = Flux.range(0, 8)
                .flatMap(i -> client.post().uri("/api/v1/conversations/{id}/transcript/email", conversation.id())
                        .header("Authorization", "Bearer " + token)
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 8)
                .collectList().block(WAIT.multipliedBy(3));
        assertThat(statuses).containsOnly(202, 429);
        assertThat(statuses).filteredOn(status -> status == 202).hasSize(2);
        // Every request was answered, and 202 only once the mail server took the mail: nothing more is on its way.
        mail.await(before + 2);
        assertThat(mail.received()).hasSize(before + 2);
    }
}
