package dev.parley.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.audit.AuditEntry;
import dev.parley.audit.AuditLog;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
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
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static dev.parley.testing.AdminHttp.ok;
import static dev.parley.testing.AdminHttp.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A site's queue settings over the admin API: who may, what is refused, and that routing follows at once. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.routing.sweep-interval=1h")
class QueueSettingsApiTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    static final String BERLIN_HOURS = """
            {"policy": "least_busy", "maxChatsPerAgent": 4, "queueTimeoutSeconds": 120, "noReplyTimeoutSeconds": 45,
             "autoCloseMinutes": 30, "maxQueueLength": 25,
             "businessHours": {"zone": "Europe/Berlin",
                               "weekly": [{"day": "MONDAY", "from": "09:00", "to": "17:30"}, {"day": "saturday", "from": "10:00", "to": "00:00"}],
                               "exceptions": [{"date": "2026-12-24", "slots": [{"from": "09:00", "to": "12:00"}]}, {"date": "2026-12-25", "slots": []}]}}
            """;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Conversations conversations;

    WebTestClient http;
    Fixtures fixtures;
    Account account;
    Site site;
    String admin;

    @BeforeEach
    void setUp() {
        http = AdminHttp.http(port);
        fixtures = new Fixtures(context);
        account = fixtures.account("Acme");
        site = fixtures.site(account, "https://shop.example");
        admin = AdminHttp.token(http, context, account.id(), Role.ADMIN);
    }

    @Test
    void withoutATokenOrAsAgentOrSupervisorTheSettingsAreRefused() {
        problem(http.get().uri(path(site)), 401);
        for (Role role : new Role[] {Role.AGENT, Role.SUPERVISOR}) {
            String token = AdminHttp.token(http, context, account.id(), role);
            assertThat(problem(http.get().uri(path(site)).header("Authorization", "Bearer " + token), 403).path("code").asString())
                    .isEqualTo("forbidden");
            problem(put(site, token, BERLIN_HOURS), 403);
        }
    }

    @Test
    void anotherAccountsSiteAnswersExactlyLikeAMissingOne() {
        Account other = fixtures.account("Globex");
        Site foreign = fixtures.site(other, "https://globex.example");
        JsonNode forbidden = problem(http.get().uri(path(foreign)).header("Authorization", "Bearer " + admin), 404);
        JsonNode missing = problem(http.get().uri("/api/v1/admin/sites/01M80X7QEFE5AYCSGAE45BD13F/queue-settings")
                .header("Authorization", "Bearer " + admin), 404);
        assertThat(forbidden.path("code").asString()).isEqualTo("not_found").isEqualTo(missing.path("code").asString());
        assertThat(forbidden.path("detail")).isEqualTo(missing.path("detail"));
        problem(put(foreign, admin, BERLIN_HOURS), 404);
        assertThat(context.getBean(dev.parley.routing.Queues.class).settings(other.id(), foreign.id()).block(WAIT).maxChatsPerAgent())
                .isEqualTo(3);
    }

    @Test
    void anUnconfiguredSiteShowsTheDefaults() {
        JsonNode settings = ok(http.get().uri(path(site)).header("Authorization", "Bearer " + admin));
        assertThat(settings.path("policy").asString()).isEqualTo("ROUND_ROBIN");
        assertThat(settings.path("maxChatsPerAgent").asInt()).isEqualTo(3);
        assertThat(settings.path("queueTimeoutSeconds").asInt()).isEqualTo(300);
        assertThat(settings.has("businessHours")).isFalse();
        assertThat(settings.has("noReplyTimeoutSeconds")).isFalse();
    }

    @Test
    void everySettingIsSavedReadBackAndAudited() {
        JsonNode saved = ok(put(site, admin, BERLIN_HOURS));
        JsonNode read = ok(http.get().uri(path(site)).header("Authorization", "Bearer " + admin));
        assertThat(read).isEqualTo(saved);
        assertThat(read.path("policy").asString()).isEqualTo("LEAST_BUSY");
        assertThat(read.path("maxChatsPerAgent").asInt()).isEqualTo(4);
        assertThat(read.path("noReplyTimeoutSeconds").asInt()).isEqualTo(45);
        assertThat(read.path("autoCloseMinutes").asInt()).isEqualTo(30);
        assertThat(read.path("maxQueueLength").asInt()).isEqualTo(25);
        JsonNode hours = read.path("businessHours");
        assertThat(hours.path("zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(hours.path("weekly").get(1).path("day").asString()).isEqualTo("SATURDAY");
        assertThat(hours.path("weekly").get(1).path("to").asString()).isEqualTo("00:00");
        assertThat(hours.path("exceptions").get(0).path("slots").get(0).path("to").asString()).isEqualTo("12:00");
        assertThat(hours.path("exceptions").get(1).path("slots").size()).isZero();

        List<AuditEntry> log = context.getBean(AuditLog.class).page(account.id(), null, 5).collectList().block(WAIT);
        assertThat(log).first().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("queue_settings.updated");
            assertThat(entry.targetId()).isEqualTo(site.id());
            assertThat(entry.details()).containsEntry("policy", "LEAST_BUSY").containsEntry("businessHours", "Europe/Berlin");
        });

        // Nullable settings left out switch off.
        JsonNode plain = ok(put(site, admin, "{\"policy\": \"MANUAL\", \"maxChatsPerAgent\": 2, \"queueTimeoutSeconds\": 60}"));
        assertThat(plain.has("businessHours")).isFalse();
        assertThat(plain.has("maxQueueLength")).isFalse();
    }

    @Test
    void badValuesAreRefusedAsProblemsNamingEachField() {
        JsonNode refused = problem(put(site, admin, """
                {"policy": "FASTEST", "maxChatsPerAgent": "three", "queueTimeoutSeconds": 0, "noReplyTimeoutSeconds": 5,
                 "businessHours": {"zone": "Mars/Olympus", "weekly": [{"day": "MONDAY", "from": "17:00", "to": "09:00"}, {"day": "FUNDAY", "from": "9", "to": "10:00"}],
                                   "exceptions": [{"date": "2026-13-01", "slots": []}]}}
                """), 400);
        assertThat(refused.path("code").asString()).isEqualTo("invalid_field");
        assertThat(refused.path("field").asString()).isEqualTo("policy");
        assertThat(refused.path("detail").asString()).contains("ROUND_ROBIN, LEAST_BUSY, MANUAL");
        List<String> fields = new java.util.ArrayList<>();
        refused.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("policy", "maxChatsPerAgent", "queueTimeoutSeconds", "noReplyTimeoutSeconds",
                "businessHours.zone", "businessHours.weekly[0].to", "businessHours.weekly[1].day", "businessHours.weekly[1].from",
                "businessHours.exceptions[0].date");

        assertThat(problem(put(site, admin, "{\"policy\": \"MANUAL\"}"), 400).path("field").asString()).isEqualTo("maxChatsPerAgent");
        assertThat(problem(put(site, admin, "[1, 2]"), 400).path("code").asString()).isEqualTo("invalid_request");
        assertThat(problem(put(site, admin, "{\"policy\": "), 400).path("code").asString()).isEqualTo("invalid_request");

        Account other = fixtures.account("Globex");
        String foreignTeam = context.getBean(org.springframework.r2dbc.core.DatabaseClient.class).sql(
                "INSERT INTO teams (id, account_id, name, created_at) VALUES (:id, :account, 'Sales', :now)")
                .bind("id", dev.parley.shared.Ids.next()).bind("account", other.id())
                .bind("now", dev.parley.shared.Times.toDb(java.time.Instant.now())).fetch().rowsUpdated()
                .then(context.getBean(org.springframework.r2dbc.core.DatabaseClient.class).sql("SELECT id FROM teams WHERE account_id = :a")
                        .bind("a", other.id()).map(row -> row.get("id", String.class)).one()).block(WAIT);
        JsonNode team = problem(put(site, admin, "{\"policy\": \"MANUAL\", \"maxChatsPerAgent\": 2, \"queueTimeoutSeconds\": 60, \"teamId\": \""
                + foreignTeam + "\"}"), 400);
        assertThat(team.path("field").asString()).isEqualTo("teamId");
        // Nothing of the refused requests was saved.
        assertThat(ok(http.get().uri(path(site)).header("Authorization", "Bearer " + admin)).path("policy").asString()).isEqualTo("ROUND_ROBIN");
    }

    @Test
    void theNextConversationFollowsANewPolicyAndTheQueueIsRerunAtOnce() {
        ok(put(site, admin, "{\"policy\": \"MANUAL\", \"maxChatsPerAgent\": 3, \"queueTimeoutSeconds\": 300}"));
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        fixtures.online(alice);
        Conversation waiting = fixtures.conversation(site);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> status(waiting) == ConversationStatus.QUEUED);

        ok(put(site, admin, "{\"policy\": \"LEAST_BUSY\", \"maxChatsPerAgent\": 1, \"queueTimeoutSeconds\": 300}"));
        await().atMost(WAIT).until(() -> status(waiting) == ConversationStatus.ASSIGNED);
        Conversation next = fixtures.conversation(site);
        // Capacity 1 now: the next one waits.
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> status(next) == ConversationStatus.QUEUED);

        // A per-agent override above the queue's capacity lets it through at once.
        JsonNode updated = ok(http.patch().uri("/api/v1/admin/agents/" + alice.id()).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("capacityOverride", 2)));
        assertThat(updated.path("capacityOverride").asInt()).isEqualTo(2);
        await().atMost(WAIT).until(() -> status(next) == ConversationStatus.ASSIGNED);
        assertThat(conversations.find(next.id()).block(WAIT).assignedAgentId()).isEqualTo(alice.id());

        // Removing it restores the queue's setting.
        JsonNode cleared = ok(http.patch().uri("/api/v1/admin/agents/" + alice.id()).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"capacityOverride\": null}"));
        assertThat(cleared.has("capacityOverride")).isFalse();
        Conversation third = fixtures.conversation(site);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> status(third) == ConversationStatus.QUEUED);
    }

    @Test
    void aCapacityOverrideIsValidatedAndScopedToTheAccount() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        JsonNode refused = problem(http.patch().uri("/api/v1/admin/agents/" + alice.id()).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("capacityOverride", 0)), 400);
        assertThat(refused.path("field").asString()).isEqualTo("capacityOverride");
        Agent stranger = fixtures.agent(fixtures.account("Globex"), "Eve", Role.AGENT);
        problem(http.patch().uri("/api/v1/admin/agents/" + stranger.id()).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("capacityOverride", 5)), 404);
        assertThat(context.getBean(dev.parley.agent.Agents.class).find(stranger.accountId(), stranger.id()).block(WAIT).capacityOverride())
                .isNull();
    }

    ConversationStatus status(Conversation c) {
        return conversations.find(c.id()).block(WAIT).status();
    }

    static String path(Site site) {
        return "/api/v1/admin/sites/" + site.id() + "/queue-settings";
    }

    WebTestClient.RequestHeadersSpec<?> put(Site target, String token, String json) {
        return http.put().uri(path(target)).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON).bodyValue(json);
    }
}
