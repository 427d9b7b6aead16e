package dev.parley.transcript;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

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
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.parley.testing.AdminHttp.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One conversation's transcript over HTTP: who may read it (refusals first), then every format's
 * content, with what a visitor wrote kept as text.
 */
@ParleyIntegrationTest
class TranscriptApiTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String MISSING = "01M80X7QEFE5AYCSGAE45BD13F";
    static final String XSS = "<script>alert('x')</script> & <img src=x onerror=alert(1)>";
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")\nsecond line";

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
        Conversations conversations = context.getBean(Conversations.class);
        conversation = conversations.open(new OpenCommand(acme.id(), site.id(), fixtures.visitor(site),
                Map.of("name", "Vera <b>V</b>", "email", "vera@example.test"), null)).block(WAIT);
        fixtures.online(alice);
        // Routing may have given it to Alice already; if not, a supervisor's assignment does.
        context.getBean(Queues.class).assign(acme.id(), conversation.id(), alice.id()).onErrorComplete().block(WAIT);
        assertThat(conversations.find(conversation.id()).block(WAIT).assignedAgentId()).isEqualTo(alice.id());
        Author visitor = Author.visitor(conversation.visitorId(), null);
        Author agent = Author.agent(alice.id(), "Alice");
        conversations.post(PostCommand.text(conversation.id(), "v1", visitor, XSS)).block(WAIT);
        conversations.post(PostCommand.text(conversation.id(), "a1", agent, "Hello, how can I help?")).block(WAIT);
        conversations.post(new PostCommand(conversation.id(), "n1", agent, MessageKind.NOTE, "internal: VIP customer", Map.of())).block(WAIT);
        conversations.post(PostCommand.text(conversation.id(), "v2", visitor, FORMULA)).block(WAIT);
    }

    String path(String id) {
        return "/api/v1/conversations/" + id + "/transcript";
    }

    EntityExchangeResult<byte[]> get(String uri, String token, String accept) {
        WebTestClient.RequestHeadersSpec<?> spec = http.get().uri(uri).header("Authorization", "Bearer " + token);
        if (accept != null) {
            spec = spec.header(HttpHeaders.ACCEPT, accept);
        }
        return spec.exchange().expectStatus().isOk().expectBody().returnResult();
    }

    static String body(EntityExchangeResult<byte[]> result) {
        return new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
    }

    @Test
    void withoutATokenItIsUnauthorized() {
        problem(http.get().uri(path(conversation.id())), 401);
    }

    @Test
    void anotherAgentAndAnotherAccountGetWhatAMissingIdGets() {
        String bob = AdminHttp.token(http, context, acme.id(), Role.AGENT);
        String stranger = AdminHttp.token(http, context, new Fixtures(context).account("Globex").id(), Role.ADMIN);
        for (String token : new String[] {bob, stranger}) {
            JsonNode foreign = problem(http.get().uri(path(conversation.id())).header("Authorization", "Bearer " + token), 404);
            JsonNode missing = problem(http.get().uri(path(MISSING)).header("Authorization", "Bearer " + token), 404);
            assertThat(foreign.path("code").asString()).isEqualTo("not_found");
            assertThat(foreign.path("detail")).isEqualTo(missing.path("detail"));
            assertThat(foreign.path("title")).isEqualTo(missing.path("title"));
        }
        problem(http.get().uri(path("not-an-id")).header("Authorization", "Bearer " + bob), 404);
    }

    @Test
    void badFormatsAndZonesAreProblemsNamingTheField() {
        String token = AdminHttp.token(http, alice);
        JsonNode format = problem(http.get().uri(path(conversation.id()) + "?format=pdf").header("Authorization", "Bearer " + token), 400);
        assertThat(format.path("field").asString()).isEqualTo("format");
        JsonNode zone = problem(http.get().uri(path(conversation.id()) + "?zone=Mars/Olympus").header("Authorization", "Bearer " + token), 400);
        assertThat(zone.path("field").asString()).isEqualTo("zone");
    }

    @Test
    void jsonHasEveryMessageWithNotesForTheAssignedAgentAndSupervisors() {
        for (String token : new String[] {AdminHttp.token(http, alice), AdminHttp.token(http, context, acme.id(), Role.SUPERVISOR)}) {
            EntityExchangeResult<byte[]> result = get(path(conversation.id()), token, null);
            assertThat(result.getResponseHeaders().getContentType().toString()).startsWith("application/json");
            assertThat(result.getResponseHeaders().getContentDisposition().getFilename())
                    .isEqualTo("transcript-" + conversation.id() + ".json");
            assertThat(result.getResponseHeaders().getContentDisposition().isAttachment()).isTrue();
            JsonNode json = JsonMapper.builder().build().readTree(result.getResponseBodyContent());
            assertThat(json.path("conversation").path("id").asString()).isEqualTo(conversation.id());
            assertThat(json.path("conversation").path("visitor").path("email").asString()).isEqualTo("vera@example.test");
            JsonNode messages = json.path("messages");
            assertThat(messages.valueStream().map(m -> m.path("body").asString()))
                    .containsSubsequence(XSS, "Hello, how can I help?", "internal: VIP customer", FORMULA);
            assertThat(messages.valueStream().filter(m -> m.path("kind").asString().equals("note"))).hasSize(1);
            assertThat(messages.valueStream().map(m -> m.path("seq").asLong())).isSorted();
        }
    }

    @Test
    void textIsReadableWithTimesInTheAskedZone() {
        String text = body(get(path(conversation.id()) + "?format=txt&zone=Asia/Tokyo", AdminHttp.token(http, alice), null));
        assertThat(text).startsWith("Conversation " + conversation.id());
        assertThat(text).contains("Visitor: Vera <b>V</b> <vera@example.test>");
        assertThat(text).contains("Visitor: " + XSS);
        assertThat(text).contains("Alice (agent): Hello, how can I help?");
        assertThat(text).contains("Alice (agent) [internal note]: internal: VIP customer");
        // A second line of a message is indented, so it cannot pass for a message of its own.
        assertThat(text).contains("=HYPERLINK(\"http://evil.example\",\"click\")\n    second line");
    }

    @Test
    void htmlIsPrintableAndEscapesEverything() {
        EntityExchangeResult<byte[]> result = get(path(conversation.id()), AdminHttp.token(http, alice), "text/html");
        String html = body(result);
        assertThat(result.getResponseHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(result.getResponseHeaders().getContentDisposition().isInline()).isTrue();
        assertThat(result.getResponseHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("@media print").endsWith("</html>\n");
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).contains("Vera &lt;b&gt;V&lt;/b&gt;");
        assertThat(html).contains("class=\"note\"");
    }

    @Test
    void csvQuotesCellsAndDefusesFormulas() {
        EntityExchangeResult<byte[]> result = get(path(conversation.id()) + "?format=csv", AdminHttp.token(http, alice), "application/json");
        assertThat(result.getResponseHeaders().getContentDisposition().getFilename()).isEqualTo("transcript-" + conversation.id() + ".csv");
        String csv = body(result);
        assertThat(csv).startsWith("seq,created_at,author_kind,author_name,kind,body\r\n");
        assertThat(csv).contains(",visitor,,text,\"<script>alert('x')</script> & <img src=x onerror=alert(1)>\"\r\n");
        assertThat(csv).contains(",agent,\"Alice\",note,\"internal: VIP customer\"\r\n");
        assertThat(csv).contains(",visitor,,text,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\nsecond line\"\r\n");
    }

    @Test
    void acceptPicksTheFormatWhenNoParameterDoes() {
        String token = AdminHttp.token(http, alice);
        assertThat(body(get(path(conversation.id()), token, "text/csv"))).startsWith("seq,");
        assertThat(body(get(path(conversation.id()), token, "text/plain;q=0.9, text/html;q=0.5"))).startsWith("Conversation ");
        assertThat(body(get(path(conversation.id()), token, "*/*"))).startsWith("{\"conversation\":");
    }
}
