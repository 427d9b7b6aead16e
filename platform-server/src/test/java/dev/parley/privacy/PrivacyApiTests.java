package dev.parley.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Role;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.MessageKind;
import dev.parley.conversation.PostCommand;
import dev.parley.privacy.internal.RetentionJob;
import dev.parley.shared.Times;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.visitor.Bans;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.parley.testing.AdminHttp.ok;
import static dev.parley.testing.AdminHttp.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** Retention deletes exactly the expired closed conversations; a visitor's data is exported whole and erased whole. */
@ParleyIntegrationTest
@TestPropertySource(properties = {"parley.privacy.retention-interval=1h", "parley.privacy.retention-batch-size=2"})
class PrivacyApiTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    Fixtures fixtures;
    DatabaseClient db;
    Account acme;
    Site site;
    String admin;

    @BeforeEach
    void setUp() {
        http = AdminHttp.http(port);
        fixtures = new Fixtures(context);
        db = context.getBean(DatabaseClient.class);
        acme = fixtures.account("Acme");
        site = fixtures.site(acme, "https://shop.example");
        admin = AdminHttp.token(http, context, acme.id(), Role.ADMIN);
        // Other tests' accounts must not keep this one's run busy.
        db.sql("UPDATE accounts SET retention_days = NULL WHERE id <> :id").bind("id", acme.id()).then().block(WAIT);
        db.sql("DELETE FROM job_leases").then().block(WAIT);
    }

    @Test
    void retentionIsValidatedStoredAndAudited() {
        assertThat(problem(put("/api/v1/admin/retention", "{\"retentionDays\": 0}"), 400).path("field").asString()).isEqualTo("retentionDays");
        assertThat(problem(put("/api/v1/admin/retention", "{}"), 400).path("field").asString()).isEqualTo("retentionDays");
        assertThat(problem(put("/api/v1/admin/retention", "{\"retentionDays\": \"ten\"}"), 400).path("field").asString())
                .isEqualTo("retentionDays");
        assertThat(ok(put("/api/v1/admin/retention", "{\"retentionDays\": 30}")).path("retentionDays").asInt()).isEqualTo(30);
        assertThat(ok(get("/api/v1/admin/retention")).path("retentionDays").asInt()).isEqualTo(30);
        assertThat(ok(put("/api/v1/admin/retention", "{\"retentionDays\": null}")).has("retentionDays")).isFalse();
        assertThat(actions()).contains("retention.changed");
    }

    @Test
    void retentionDeletesOnlyClosedConversationsOlderThanTheAccountsDays() {
        ok(put("/api/v1/admin/retention", "{\"retentionDays\": 30}"));
        Instant now = Instant.now();
        List<String> expired = List.of(closed(site, now.minus(Duration.ofDays(40))), closed(site, now.minus(Duration.ofDays(31))),
                closed(site, now.minus(Duration.ofDays(300))), closed(site, now.minus(Duration.ofDays(35))),
                closed(site, now.minus(Duration.ofDays(45))));
        String recent = closed(site, now.minus(Duration.ofDays(29)));
        Conversation open = fixtures.conversation(site);
        message(open, "still open");
        db.sql("UPDATE conversations SET created_at = :old, last_activity_at = :old WHERE id = :id")
                .bind("old", Times.toDb(now.minus(Duration.ofDays(400)))).bind("id", open.id()).then().block(WAIT);
        // Another account keeps everything: it has no retention.
        Site foreign = fixtures.site(fixtures.account("Globex"), "https://globex.example");
        String foreignOld = closed(foreign, now.minus(Duration.ofDays(400)));

        // While another node holds the job, this one deletes nothing.
        db.sql("INSERT INTO job_leases (name, holder, expires_at) VALUES ('retention', 'other-node', :until)")
                .bind("until", Times.toDb(now.plus(Duration.ofMinutes(5)))).then().block(WAIT);
        assertThat(context.getBean(RetentionJob.class).run().block(WAIT)).isEmpty();
        assertThat(count("SELECT COUNT(*) AS n FROM conversations WHERE id IN (:ids)", expired)).isEqualTo(5);

        // Once its lease has run out, this node takes over; batches of 2 go on until all 5 are gone.
        db.sql("UPDATE job_leases SET expires_at = :past").bind("past", Times.toDb(now.minusSeconds(1))).then().block(WAIT);
        List<RetentionRun> runs = context.getBean(RetentionJob.class).run().block(WAIT);
        assertThat(runs).containsExactly(new RetentionRun(acme.id(), 30, 5));
        assertThat(count("SELECT COUNT(*) AS n FROM conversations WHERE id IN (:ids)", expired)).isZero();
        assertThat(count("SELECT COUNT(*) AS n FROM messages WHERE conversation_id IN (:ids)", expired)).isZero();
        assertThat(count("SELECT COUNT(*) AS n FROM conversations WHERE id IN (:ids)", List.of(recent, open.id(), foreignOld))).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) AS n FROM messages WHERE conversation_id IN (:ids)", List.of(recent, open.id(), foreignOld)))
                .isEqualTo(3);
        JsonNode purged = ok(get("/api/v1/admin/audit-log")).path("entries").valueStream()
                .filter(e -> e.path("action").asString().equals("retention.purged")).findFirst().orElseThrow();
        assertThat(purged.path("details").path("conversations").asString()).isEqualTo("5");
        assertThat(purged.has("actorId")).isFalse();
    }

    @Test
    void theExportHoldsEverythingAboutTheVisitor() throws Exception {
        Conversation conversation = fixtures.conversation(site);
        String visitor = conversation.visitorId();
        db.sql("UPDATE visitors SET name = 'Vera', email = 'vera@example.test', attributes = :attrs, ip_address = '203.0.113.9' WHERE id = :id")
                .bind("attrs", "{\"plan\":\"gold\"}").bind("id", visitor).then().block(WAIT);
        context.getBean(dev.parley.visitor.Visitors.class).find(acme.id(), visitor)
                .flatMap(v -> context.getBean(dev.parley.visitor.Visitors.class).pageView(v, "https://shop.example/cart", "Cart", null))
                .block(WAIT);
        message(conversation, "My order <script>alert(1)</script> is late");
        String otherVisitorsConversation = fixtures.conversation(site).id();

        byte[] body = http.get().uri("/api/v1/admin/visitors/" + visitor + "/export").header("Authorization", "Bearer " + admin)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("Content-Disposition", "attachment; filename=\"parley-visitor-" + visitor + ".json\"")
                .expectBody().returnResult().getResponseBody();
        JsonNode export = JsonMapper.builder().build().readTree(body);
        assertThat(export.path("visitor").path("id").asString()).isEqualTo(visitor);
        assertThat(export.path("visitor").path("email").asString()).isEqualTo("vera@example.test");
        assertThat(export.path("visitor").path("attributes").path("plan").asString()).isEqualTo("gold");
        assertThat(export.path("visitor").path("ipAddress").asString()).isEqualTo("203.0.113.9");
        assertThat(export.path("pageViews").get(0).path("url").asString()).isEqualTo("https://shop.example/cart");
        assertThat(export.path("conversations").size()).isEqualTo(1);
        JsonNode exported = export.path("conversations").get(0);
        assertThat(exported.path("id").asString()).isEqualTo(conversation.id());
        assertThat(exported.path("messages").valueStream().map(m -> m.path("body").asString()).toList())
                .contains("My order <script>alert(1)</script> is late");
        assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(otherVisitorsConversation);
        assertThat(actions()).contains("visitor.exported");
    }

    @Test
    void erasureDeletesTheVisitorAndEverythingAboutThemAndIsAudited() {
        Conversation closed = fixtures.conversation(site);
        String visitor = closed.visitorId();
        message(closed, "first chat");
        context.getBean(Conversations.class).close(closed.id(), Author.SYSTEM).block(WAIT);
        Conversation open = context.getBean(Conversations.class)
                .open(new dev.parley.conversation.OpenCommand(acme.id(), site.id(), visitor, Map.of("email", "vera@example.test"), null))
                .block(WAIT);
        message(open, "second chat");
        db.sql("INSERT INTO visitor_tokens (token_hash, visitor_id, created_at, last_used_at) VALUES (:hash, :id, :now, :now)")
                .bind("hash", "a".repeat(64)).bind("id", visitor).bind("now", Times.toDb(Instant.now())).then().block(WAIT);
        context.getBean(Bans.class).ban(acme.id(), visitor, fixtures.agent(acme, "Bob", Role.AGENT).id(), "spam", null, false, null).block(WAIT);
        Conversation bystander = fixtures.conversation(site);
        message(bystander, "not erased");

        JsonNode erased = ok(http.delete().uri("/api/v1/admin/visitors/" + visitor).header("Authorization", "Bearer " + admin));
        assertThat(erased.path("conversations").asLong()).isEqualTo(2);
        assertThat(erased.path("messages").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(erased.path("tokens").asLong()).isEqualTo(1);
        assertThat(erased.path("bans").asLong()).isEqualTo(1);

        for (String sql : List.of("SELECT COUNT(*) AS n FROM visitors WHERE id IN (:ids)",
                "SELECT COUNT(*) AS n FROM visitor_tokens WHERE visitor_id IN (:ids)",
                "SELECT COUNT(*) AS n FROM page_views WHERE visitor_id IN (:ids)",
                "SELECT COUNT(*) AS n FROM visitor_bans WHERE visitor_id IN (:ids)",
                "SELECT COUNT(*) AS n FROM conversations WHERE visitor_id IN (:ids)")) {
            assertThat(count(sql, List.of(visitor))).as(sql).isZero();
        }
        assertThat(count("SELECT COUNT(*) AS n FROM messages WHERE conversation_id IN (:ids)", List.of(closed.id(), open.id()))).isZero();
        assertThat(count("SELECT COUNT(*) AS n FROM messages WHERE conversation_id IN (:ids)", List.of(bystander.id()))).isEqualTo(1);
        assertThat(actions()).contains("visitor.erased");
        assertThat(problem(http.delete().uri("/api/v1/admin/visitors/" + visitor).header("Authorization", "Bearer " + admin), 404)
                .path("code").asString()).isEqualTo("not_found");
    }

    @Test
    void anotherAccountsVisitorIsLikeAMissingOne() {
        Conversation conversation = fixtures.conversation(site);
        String stranger = AdminHttp.token(http, context, fixtures.account("Globex").id(), Role.ADMIN);
        String missing = "01M80X7QEFE5AYCSGAE45BD13F";
        for (String method : List.of("GET", "DELETE")) {
            JsonNode foreign = problem(request(method, conversation.visitorId(), stranger), 404);
            JsonNode absent = problem(request(method, missing, stranger), 404);
            assertThat(foreign.path("detail")).isEqualTo(absent.path("detail"));
            assertThat(foreign.path("code").asString()).isEqualTo("not_found");
        }
        assertThat(count("SELECT COUNT(*) AS n FROM visitors WHERE id IN (:ids)", List.of(conversation.visitorId()))).isEqualTo(1);
    }

    WebTestClient.RequestHeadersSpec<?> request(String method, String visitor, String token) {
        String path = "/api/v1/admin/visitors/" + visitor + (method.equals("GET") ? "/export" : "");
        return http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).header("Authorization", "Bearer " + token);
    }

    String closed(Site at, Instant closedAt) {
        Conversation c = fixtures.conversation(at);
        message(c, "hello");
        db.sql("UPDATE conversations SET status = 'CLOSED', open_visitor_id = NULL, closed_at = :at WHERE id = :id")
                .bind("at", Times.toDb(closedAt)).bind("id", c.id()).then().block(WAIT);
        return c.id();
    }

    void message(Conversation c, String body) {
        context.getBean(Conversations.class).post(new PostCommand(c.id(), "m-" + dev.parley.shared.Ids.next(),
                Author.visitor(c.visitorId(), "Vera"), MessageKind.TEXT, body, Map.of())).block(WAIT);
    }

    long count(String sql, List<String> ids) {
        return db.sql(sql).bind("ids", ids).map(row -> ((Number) row.get("n")).longValue()).one().block(WAIT);
    }

    List<String> actions() {
        return ok(get("/api/v1/admin/audit-log")).path("entries").valueStream().map(e -> e.path("action").asString()).toList();
    }

    WebTestClient.RequestHeadersSpec<?> get(String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + admin);
    }

    WebTestClient.RequestHeadersSpec<?> put(String path, String body) {
        return http.put().uri(path).header("Authorization", "Bearer " + admin).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
