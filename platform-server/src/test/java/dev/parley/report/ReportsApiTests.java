package dev.parley.report;

import java.time.Duration;
import java.time.Instant;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.conversation.Conversation;
import dev.parley.shared.Times;
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
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static dev.parley.testing.AdminHttp.ok;
import static dev.parley.testing.AdminHttp.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** Reports over conversations with known timestamps: exact nearest-rank percentiles, per group, as JSON and CSV. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.reports.max-range-days=31")
class ReportsApiTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Instant DAY2 = Instant.parse("2026-11-02T09:00:00Z");
    static final Instant DAY3 = Instant.parse("2026-11-03T09:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    Fixtures fixtures;
    Account acme;
    Site shop;
    Site help;
    Agent alice;
    String admin;

    @BeforeEach
    void setUp() {
        http = AdminHttp.http(port);
        fixtures = new Fixtures(context);
        acme = fixtures.account("Acme");
        shop = fixtures.site(acme, "https://shop.example");
        help = fixtures.site(acme, "https://help.example");
        alice = fixtures.agent(acme, "Alice", Role.AGENT);
        admin = AdminHttp.token(http, context, acme.id(), Role.ADMIN);
        // Shop: 10 conversations, 6 on Nov 2 and 4 on Nov 3, first response 1..10 s, queue wait 2..20 s,
        // 4 closed after 60..240 s, two rated 5 and 4, all with Alice.
        for (int i = 1; i <= 10; i++) {
            Instant created = (i <= 6 ? DAY2 : DAY3).plusSeconds(i);
            set(fixtures.conversation(shop), created, created.plusSeconds(i), created.plusSeconds(2L * i),
                    i <= 4 ? created.plusSeconds(60L * i) : null, i == 1 ? Integer.valueOf(5) : i == 2 ? Integer.valueOf(4) : null, alice.id());
        }
        // Help: 3 on Nov 3, first response 100, 200, 300 s, unassigned.
        for (int i = 1; i <= 3; i++) {
            Instant created = DAY3.plusSeconds(i);
            set(fixtures.conversation(help), created, created.plusSeconds(100L * i), null, null, null, null);
        }
        // Outside the range, and another account's: neither counts.
        Instant before = Instant.parse("2026-10-31T12:00:00Z");
        set(fixtures.conversation(shop), before, before.plusSeconds(1), null, null, null, null);
        Site foreign = fixtures.site(fixtures.account("Globex"), "https://globex.example");
        set(fixtures.conversation(foreign), DAY2, DAY2.plusSeconds(1), null, null, 1, null);
    }

    @Test
    void overallPercentilesAreNearestRank() {
        JsonNode report = ok(get("/api/v1/admin/reports?from=2026-11-01&to=2026-11-04"));
        assertThat(report.path("rows").size()).isEqualTo(1);
        JsonNode row = report.path("rows").get(0);
        assertThat(row.path("conversations").asLong()).isEqualTo(13);
        // 1..10, 100, 200, 300: rank ceil(6.5) = 7 and ceil(11.7) = 12.
        assertThat(row.path("firstResponse").path("count").asLong()).isEqualTo(13);
        assertThat(row.path("firstResponse").path("p50").asDouble()).isEqualTo(7.0);
        assertThat(row.path("firstResponse").path("p90").asDouble()).isEqualTo(200.0);
        assertThat(row.path("queueWait").path("p50").asDouble()).isEqualTo(10.0);
        assertThat(row.path("queueWait").path("p90").asDouble()).isEqualTo(18.0);
        assertThat(row.path("resolution").path("count").asLong()).isEqualTo(4);
        assertThat(row.path("resolution").path("p50").asDouble()).isEqualTo(120.0);
        assertThat(row.path("resolution").path("p90").asDouble()).isEqualTo(240.0);
        assertThat(row.path("csat").path("average").asDouble()).isEqualTo(4.5);
        assertThat(row.path("volume").valueStream().map(d -> d.path("date").asString() + "=" + d.path("conversations").asLong()).toList())
                .containsExactly("2026-11-01=0", "2026-11-02=6", "2026-11-03=7", "2026-11-04=0");
    }

    @Test
    void perSiteAndPerAgentRowsWithNames() {
        JsonNode bySite = ok(get("/api/v1/admin/reports?from=2026-11-01&to=2026-11-04&groupBy=site")).path("rows");
        assertThat(bySite.size()).isEqualTo(2);
        JsonNode helpRow = bySite.valueStream().filter(r -> r.path("group").asString().equals(help.id())).findFirst().orElseThrow();
        assertThat(helpRow.path("conversations").asLong()).isEqualTo(3);
        assertThat(helpRow.path("firstResponse").path("p50").asDouble()).isEqualTo(200.0);
        assertThat(helpRow.path("firstResponse").path("p90").asDouble()).isEqualTo(300.0);
        assertThat(helpRow.path("queueWait").path("count").asLong()).isZero();
        assertThat(helpRow.path("queueWait").has("p50")).isFalse();

        JsonNode byAgent = ok(get("/api/v1/admin/reports?from=2026-11-01&to=2026-11-04&groupBy=agent")).path("rows");
        JsonNode aliceRow = byAgent.valueStream().filter(r -> r.path("group").asString().equals(alice.id())).findFirst().orElseThrow();
        assertThat(aliceRow.path("name").asString()).isEqualTo("Alice");
        assertThat(aliceRow.path("conversations").asLong()).isEqualTo(10);
        assertThat(aliceRow.path("firstResponse").path("p50").asDouble()).isEqualTo(5.0);
        assertThat(aliceRow.path("firstResponse").path("p90").asDouble()).isEqualTo(9.0);

        // A filter narrows the conversations.
        JsonNode onlyHelp = ok(get("/api/v1/admin/reports?from=2026-11-01&to=2026-11-04&siteId=" + help.id())).path("rows").get(0);
        assertThat(onlyHelp.path("conversations").asLong()).isEqualTo(3);
    }

    @Test
    void daysFollowTheRequestedZone() {
        // 09:00:01 UTC on Nov 2 is still Nov 2 in Tokyo (18:00); in Honolulu it is Nov 1, 23:00.
        JsonNode row = ok(get("/api/v1/admin/reports?from=2026-11-01&to=2026-11-04&zone=Pacific/Honolulu")).path("rows").get(0);
        assertThat(row.path("volume").get(0).path("conversations").asLong()).isEqualTo(6);
    }

    @Test
    void csvDownloadsCarryTheSameNumbers() {
        String csv = http.get().uri("/api/v1/admin/reports?from=2026-11-01&to=2026-11-04&groupBy=site&format=csv")
                .header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv")
                .expectHeader().valueEquals("Content-Disposition", "attachment; filename=\"parley-report-2026-11-01-to-2026-11-04.csv\"")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv.split("\r\n")[0]).startsWith("group,name,conversations,first_response_count,first_response_p50_s");
        assertThat(csv).contains(help.id() + ",Shop,3,3,200.0,300.0,0,,,0,,,0,");
        String volume = http.get().uri("/api/v1/admin/reports/volume?from=2026-11-01&to=2026-11-04")
                .header("Authorization", "Bearer " + admin).header("Accept", "text/csv").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(volume.split("\r\n")).containsExactly("date,group,name,conversations", "2026-11-01,,,0", "2026-11-02,,,6",
                "2026-11-03,,,7", "2026-11-04,,,0");
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        assertThat(problem(get("/api/v1/admin/reports?to=2026-11-04"), 400).path("field").asString()).isEqualTo("from");
        assertThat(problem(get("/api/v1/admin/reports?from=2026-11-05&to=2026-11-04"), 400).path("field").asString()).isEqualTo("to");
        assertThat(problem(get("/api/v1/admin/reports?from=2026-10-01&to=2026-11-04"), 400).path("detail").asString()).contains("31 days");
        assertThat(problem(get("/api/v1/admin/reports?from=2026-11-01&to=2026-11-04&zone=Mars/Olympus"), 400).path("field").asString())
                .isEqualTo("zone");
        assertThat(problem(get("/api/v1/admin/reports?from=2026-11-01&to=2026-11-04&groupBy=planet"), 400).path("field").asString())
                .isEqualTo("groupBy");
        assertThat(problem(get("/api/v1/admin/reports?from=2026-11-01&to=2026-11-04&format=pdf"), 400).path("field").asString())
                .isEqualTo("format");
    }

    WebTestClient.RequestHeadersSpec<?> get(String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + admin);
    }

    void set(Conversation c, Instant created, Instant firstResponse, Instant firstAssigned, Instant closed, Integer rating, String agent) {
        context.getBean(DatabaseClient.class).sql("UPDATE conversations SET created_at = :created, first_response_at = :response,"
                        + " first_assigned_at = :assigned, closed_at = :closed, status = :status, open_visitor_id = NULL, rating = :rating,"
                        + " assigned_agent_id = :agent WHERE id = :id")
                .bind("created", Times.toDb(created))
                .bind("response", Parameter.fromOrEmpty(firstResponse == null ? null : Times.toDb(firstResponse), java.time.LocalDateTime.class))
                .bind("assigned", Parameter.fromOrEmpty(firstAssigned == null ? null : Times.toDb(firstAssigned), java.time.LocalDateTime.class))
                .bind("closed", Parameter.fromOrEmpty(closed == null ? null : Times.toDb(closed), java.time.LocalDateTime.class))
                .bind("status", closed == null ? "PENDING" : "CLOSED")
                .bind("rating", Parameter.fromOrEmpty(rating, Integer.class))
                .bind("agent", Parameter.fromOrEmpty(agent, String.class))
                .bind("id", c.id())
                .then().block(WAIT);
    }
}
