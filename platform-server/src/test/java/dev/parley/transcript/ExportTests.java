package dev.parley.transcript;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.agent.Team;
import dev.parley.agent.Teams;
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

/** The admin's bulk export: every filter, both formats, bad input, and never another account's rows. */
@ParleyIntegrationTest
class ExportTests {

    static final String PATH = "/api/v1/admin/exports/messages";
    static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant DAY3 = Instant.parse("2026-03-03T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    String token;
    Site shop;
    Site blog;
    Agent alice;
    Agent bob;
    Team sales;
    String first;
    String second;
    String third;

    @BeforeEach
    void setUp() {
        http = AdminHttp.http(port);
        Fixtures fixtures = new Fixtures(context);
        ExportSeeds seeds = new ExportSeeds(context);
        Account acme = fixtures.account("Acme");
        token = AdminHttp.token(http, context, acme.id(), Role.ADMIN);
        shop = fixtures.site(acme, "https://shop.example");
        blog = fixtures.site(acme, "https://blog.example");
        alice = fixtures.agent(acme, "Alice", Role.AGENT);
        bob = fixtures.agent(acme, "Bob", Role.AGENT);
        sales = context.getBean(Teams.class).create(acme.id(), "Sales").block(ExportSeeds.WAIT);
        first = seeds.conversation(acme.id(), shop.id(), fixtures.visitor(shop), null, alice.id(), "CLOSED", DAY1);
        seeds.messages(first, DAY1, 3, seq -> seq == 1 ? "=1+1 \"quoted\"\nline two" : "first #" + seq);
        second = seeds.conversation(acme.id(), blog.id(), fixtures.visitor(blog), sales.id(), null, "QUEUED", DAY2);
        seeds.messages(second, DAY2, 2, seq -> "second #" + seq);
        // Closed: routing would requeue an open conversation of an agent who is not online.
        third = seeds.conversation(acme.id(), shop.id(), fixtures.visitor(shop), null, bob.id(), "CLOSED", DAY3);
        seeds.messages(third, DAY3, 4, seq -> "third #" + seq);
        Account globex = fixtures.account("Globex");
        Site theirs = fixtures.site(globex, "https://globex.example");
        String foreign = seeds.conversation(globex.id(), theirs.id(), fixtures.visitor(theirs), null, null, "QUEUED", DAY2);
        seeds.messages(foreign, DAY2, 5, seq -> "globex secret #" + seq);
    }

    EntityExchangeResult<byte[]> export(String query, String accept) {
        WebTestClient.RequestHeadersSpec<?> spec = http.get().uri(PATH + query).header("Authorization", "Bearer " + token);
        if (accept != null) {
            spec = spec.header(HttpHeaders.ACCEPT, accept);
        }
        return spec.exchange().expectStatus().isOk().expectBody().returnResult();
    }

    List<JsonNode> ndjson(String query) {
        EntityExchangeResult<byte[]> result = export(query, null);
        assertThat(result.getResponseHeaders().getContentType().toString()).isEqualTo("application/x-ndjson");
        JsonMapper json = JsonMapper.builder().build();
        String body = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
        return body.isEmpty() ? List.of() : body.lines().map(json::readTree).toList();
    }

    static List<String> bodies(List<JsonNode> lines) {
        return lines.stream().map(line -> line.path("body").asString()).toList();
    }

    @Test
    void badFiltersAreProblemsNamingTheField() {
        for (String[] bad : new String[][] {{"?from=yesterday", "from"}, {"?to=2026-13-01", "to"},
                {"?from=2026-03-02&to=2026-03-01", "to"}, {"?status=lost", "status"}, {"?siteId=../../etc", "siteId"},
                {"?teamId=x", "teamId"}, {"?agentId=x'--", "agentId"}, {"?format=html", "format"}}) {
            JsonNode problem = problem(http.get().uri(PATH + bad[0]).header("Authorization", "Bearer " + token), 400);
            assertThat(problem.path("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    @Test
    void ndjsonHasEveryMessageOfTheAccountInOrderAndNothingElse() {
        List<JsonNode> lines = ndjson("");
        assertThat(bodies(lines)).containsExactly("=1+1 \"quoted\"\nline two", "first #2", "first #3", "second #1", "second #2",
                "third #1", "third #2", "third #3", "third #4");
        JsonNode line = lines.get(1);
        assertThat(line.path("conversationId").asString()).isEqualTo(first);
        assertThat(line.path("siteId").asString()).isEqualTo(shop.id());
        assertThat(line.path("agentId").asString()).isEqualTo(alice.id());
        assertThat(line.path("status").asString()).isEqualTo("closed");
        assertThat(line.path("seq").asLong()).isEqualTo(2);
        assertThat(line.path("author").path("kind").asString()).isEqualTo("agent");
        assertThat(line.path("author").path("name").asString()).isEqualTo("Alice");
        assertThat(line.path("conversationCreatedAt").asString()).isEqualTo(DAY1.toString());
        assertThat(lines.get(3).path("teamId").asString()).isEqualTo(sales.id());
        JsonNode audit = AdminHttp.ok(http.get().uri("/api/v1/admin/audit-log").header("Authorization", "Bearer " + token));
        assertThat(audit.toString()).contains("\"messages.exported\"").contains("\"ndjson\"");
    }

    @Test
    void everyFilterNarrowsTheExport() {
        assertThat(bodies(ndjson("?siteId=" + blog.id()))).containsExactly("second #1", "second #2");
        assertThat(bodies(ndjson("?teamId=" + sales.id()))).containsExactly("second #1", "second #2");
        assertThat(bodies(ndjson("?agentId=" + bob.id()))).containsExactly("third #1", "third #2", "third #3", "third #4");
        assertThat(bodies(ndjson("?status=queued"))).containsExactly("second #1", "second #2");
        assertThat(bodies(ndjson("?status=closed"))).hasSize(7).noneMatch(b -> b.startsWith("second"));
        assertThat(bodies(ndjson("?from=2026-03-02&to=2026-03-03"))).containsExactly("second #1", "second #2");
        assertThat(bodies(ndjson("?from=2026-03-02T10:00:00Z&siteId=" + shop.id()))).hasSize(4).allMatch(b -> b.startsWith("third"));
        assertThat(ndjson("?siteId=01M80X7QEFE5AYCSGAE45BD13F")).isEmpty();
    }

    @Test
    void csvIsAFileWithQuotedCellsAndDefusedFormulas() {
        EntityExchangeResult<byte[]> result = export("?siteId=" + shop.id(), "text/csv");
        assertThat(result.getResponseHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(result.getResponseHeaders().getContentDisposition().isAttachment()).isTrue();
        assertThat(result.getResponseHeaders().getContentDisposition().getFilename()).matches("messages-\\d{4}-\\d{2}-\\d{2}\\.csv");
        String csv = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("conversation_id,site_id,team_id,agent_id,status,conversation_created_at,seq,created_at,"
                + "author_kind,author_name,kind,body\r\n");
        assertThat(csv.split("\r\n")).hasSize(1 + 3 + 4);
        assertThat(csv).contains("\"" + first + "\",\"" + shop.id() + "\",,\"" + alice.id() + "\",closed,\"" + DAY1 + "\",1,");
        assertThat(csv).contains(",visitor,,text,\"'=1+1 \"\"quoted\"\"\nline two\"\r\n");
        assertThat(csv).contains(",agent,\"Alice\",text,\"third #4\"\r\n");
        assertThat(csv).doesNotContain("globex");
        assertThat(new String(export("?format=csv&siteId=" + blog.id(), null).getResponseBodyContent(), StandardCharsets.UTF_8))
                .contains("second #2").doesNotContain("third");
    }
}
