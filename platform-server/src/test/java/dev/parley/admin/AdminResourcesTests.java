package dev.parley.admin;

import java.time.Duration;
import java.util.ArrayList;
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
import dev.parley.site.Sites;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.visitor.Bans;
import dev.parley.visitor.Visitors;
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

/** What an admin does with sites, agents, teams and bans, and what everyone else then sees. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.routing.sweep-interval=1h")
class AdminResourcesTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    Fixtures fixtures;
    Account account;
    Agent adminAgent;
    String admin;

    @BeforeEach
    void setUp() {
        http = AdminHttp.http(port);
        fixtures = new Fixtures(context);
        account = fixtures.account("Acme");
        adminAgent = AdminHttp.agent(context, account.id(), Role.ADMIN, "Ada");
        admin = AdminHttp.token(http, adminAgent);
    }

    @Test
    void anAdminCreatesPagesAndChangesSitesAndGetsTheScriptTag() {
        JsonNode created = ok(post("/api/v1/admin/sites", """
                {"name": "Shop", "allowedOrigins": ["HTTPS://Shop.Example:443", "http://localhost:3000"],
                 "appearance": {"primaryColor": "#FF0000", "position": "left", "title": "Help"}, "greeting": "Hi there",
                 "prechatFields": [{"name": "email", "label": "Email", "type": "email", "required": true}], "identityRequired": true}
                """));
        assertThat(created.path("allowedOrigins").toString()).isEqualTo("[\"https://shop.example\",\"http://localhost:3000\"]");
        assertThat(created.path("appearance").path("primaryColor").asString()).isEqualTo("#ff0000");
        assertThat(created.path("snippet").asString())
                .matches("<script async src=\"http://localhost:\\d+/widget.js\" data-site=\"" + created.path("siteKey").asString() + "\"></script>");
        assertThat(created.has("identitySecret")).isFalse();
        for (int i = 0; i < 2; i++) {
            ok(post("/api/v1/admin/sites", "{\"name\": \"Site " + i + "\", \"allowedOrigins\": []}"));
        }
        List<String> names = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = ok(get("/api/v1/admin/sites?limit=2" + (after == null ? "" : "&after=" + after)));
            page.path("items").forEach(s -> names.add(s.path("name").asString()));
            after = page.has("next") ? page.path("next").asString() : null;
        } while (after != null);
        assertThat(names).containsExactly("Shop", "Site 0", "Site 1");

        String id = created.path("id").asString();
        JsonNode changed = ok(http.patch().uri("/api/v1/admin/sites/" + id).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"greeting\": null, \"appearance\": {\"title\": \"Sales\"}}"));
        assertThat(changed.has("greeting")).isFalse();
        assertThat(changed.path("appearance").path("title").asString()).isEqualTo("Sales");
        assertThat(changed.path("appearance").path("position").asString()).isEqualTo("left");
        assertThat(changed.path("name").asString()).isEqualTo("Shop");
        // The widget sees the change on its next session.
        Site site = context.getBean(Sites.class).find(account.id(), id).block(WAIT);
        assertThat(site.greeting()).isNull();
        assertThat(site.allows("https://shop.example")).isTrue();
        assertThat(actions()).contains("site.created", "site.updated");
    }

    @Test
    void siteValuesAreRefusedByField() {
        JsonNode refused = problem(post("/api/v1/admin/sites", """
                {"allowedOrigins": ["https://ok.example", "https://*.example", "https://shop.example/path"],
                 "appearance": {"primaryColor": "red", "position": "middle"},
                 "prechatFields": [{"name": "1st", "label": "First"}, {"name": "a", "label": "A", "type": "date"}, {"name": "a", "label": "Again"}]}
                """), 400);
        List<String> fields = new ArrayList<>();
        refused.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("name", "allowedOrigins[1]", "allowedOrigins[2]", "appearance.primaryColor",
                "appearance.position", "prechatFields[0].name", "prechatFields[1].type", "prechatFields[2].name");
        assertThat(ok(get("/api/v1/admin/sites")).path("items").size()).isZero();
    }

    @Test
    void theIdentitySecretIsShownOnlyToItsOwnRoutesAndARotationRetiresTheOldOne() {
        Site site = fixtures.site(account, true, "https://shop.example");
        Sites sites = context.getBean(Sites.class);
        String shown = ok(get("/api/v1/admin/sites/" + site.id() + "/identity-secret")).path("identitySecret").asString();
        String oldHash = fixtures.identityHash(site, "user-1");
        assertThat(shown).hasSizeGreaterThanOrEqualTo(40);
        assertThat(sites.verifyIdentity(site, "user-1", oldHash).block(WAIT)).isTrue();

        WebTestClient.ResponseSpec rotated = http.post().uri("/api/v1/admin/sites/" + site.id() + "/identity-secret/rotate")
                .header("Authorization", "Bearer " + admin).exchange();
        rotated.expectHeader().cacheControl(org.springframework.http.CacheControl.noStore());
        String fresh = rotated.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody().path("identitySecret").asString();
        assertThat(fresh).isNotEqualTo(shown);
        assertThat(sites.verifyIdentity(site, "user-1", oldHash).block(WAIT)).isFalse();
        assertThat(sites.verifyIdentity(site, "user-1", fixtures.identityHash(site, "user-1")).block(WAIT)).isTrue();
        List<AuditEntry> log = context.getBean(AuditLog.class).page(account.id(), null, 10).collectList().block(WAIT);
        assertThat(log).extracting(AuditEntry::action).contains("site.identity_secret_viewed", "site.identity_secret_rotated");
        assertThat(log.toString()).doesNotContain(fresh).doesNotContain(shown);
    }

    @Test
    void anAdminCreatesAgentsWhoCanSignInAndEmailsAreUnique() {
        JsonNode created = ok(post("/api/v1/admin/agents", """
                {"email": "Bob@Example.test", "displayName": "Bob", "role": "supervisor", "password": "a long enough password", "capacityOverride": 5}
                """));
        assertThat(created.path("email").asString()).isEqualTo("bob@example.test");
        assertThat(created.path("role").asString()).isEqualTo("SUPERVISOR");
        assertThat(created.has("password")).isFalse();
        http.post().uri("/api/v1/auth/login").bodyValue(Map.of("email", "bob@example.test", "password", "a long enough password"))
                .exchange().expectStatus().isOk();
        assertThat(problem(post("/api/v1/admin/agents", "{\"email\": \"bob@example.test\", \"displayName\": \"B2\", \"role\": \"AGENT\"}"), 409)
                .path("code").asString()).isEqualTo("email_taken");
        JsonNode refused = problem(post("/api/v1/admin/agents", "{\"email\": \"not-an-email\", \"role\": \"BOSS\", \"password\": \"short\"}"), 400);
        List<String> fields = new ArrayList<>();
        refused.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("email", "displayName", "role", "password");
        // Without mail set up, an invitation cannot reach anyone.
        assertThat(problem(post("/api/v1/admin/agents", "{\"email\": \"c@example.test\", \"displayName\": \"C\", \"role\": \"AGENT\", \"invite\": true}"),
                409).path("code").asString()).isEqualTo("mail_unavailable");
        assertThat(ok(get("/api/v1/admin/agents")).path("items").size()).isEqualTo(2);
    }

    @Test
    void deactivatingAnAgentRequeuesTheirChatsAndEndsTheirSessions() {
        Site site = fixtures.site(account, "https://shop.example");
        Agent alice = AdminHttp.agent(context, account.id(), Role.AGENT, "Alice");
        String alicesToken = AdminHttp.token(http, alice);
        fixtures.online(alice);
        Conversations conversations = context.getBean(Conversations.class);
        Conversation chat = fixtures.conversation(site);
        await().atMost(WAIT).until(() -> conversations.find(chat.id()).block(WAIT).status() == ConversationStatus.ASSIGNED);

        JsonNode deactivated = ok(http.post().uri("/api/v1/admin/agents/" + alice.id() + "/deactivate").header("Authorization", "Bearer " + admin));
        assertThat(deactivated.path("active").asBoolean()).isFalse();
        Conversation back = conversations.find(chat.id()).block(WAIT);
        assertThat(back.status()).isIn(ConversationStatus.QUEUED, ConversationStatus.PENDING);
        assertThat(back.assignedAgentId()).isNull();
        assertThat(back.queuedAt()).isEqualTo(chat.queuedAt());
        http.get().uri("/api/v1/me").header("Authorization", "Bearer " + alicesToken).exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/auth/login").bodyValue(Map.of("email", alice.email(), "password", AdminHttp.PASSWORD))
                .exchange().expectStatus().isUnauthorized();
        List<AuditEntry> log = context.getBean(AuditLog.class).page(account.id(), null, 10).collectList().block(WAIT);
        assertThat(log).filteredOn(e -> e.action().equals("agent.deactivated")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("requeuedChats", "1").containsEntry("endedSessions", "1"));
        assertThat(log).filteredOn(e -> e.action().equals("session.revoked")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("reason", "agent_deactivated"));

        ok(http.post().uri("/api/v1/admin/agents/" + alice.id() + "/reactivate").header("Authorization", "Bearer " + admin));
        http.post().uri("/api/v1/auth/login").bodyValue(Map.of("email", alice.email(), "password", AdminHttp.PASSWORD))
                .exchange().expectStatus().isOk();
    }

    @Test
    void theLastActiveAdminCanBeNeitherDemotedNorDeactivated() {
        assertThat(problem(http.post().uri("/api/v1/admin/agents/" + adminAgent.id() + "/deactivate").header("Authorization", "Bearer " + admin),
                409).path("code").asString()).isEqualTo("last_admin");
        assertThat(problem(http.patch().uri("/api/v1/admin/agents/" + adminAgent.id()).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\": \"AGENT\"}"), 409).path("code").asString()).isEqualTo("last_admin");
        Agent second = AdminHttp.agent(context, account.id(), Role.ADMIN, "Grace");
        JsonNode demoted = ok(http.patch().uri("/api/v1/admin/agents/" + second.id()).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\": \"agent\", \"displayName\": \"Grace H\"}"));
        assertThat(demoted.path("role").asString()).isEqualTo("AGENT");
        assertThat(demoted.path("displayName").asString()).isEqualTo("Grace H");
        // The demoted admin's next request is an agent's.
        String graces = AdminHttp.token(http, second);
        problem(http.get().uri("/api/v1/admin/agents").header("Authorization", "Bearer " + graces), 403);
    }

    @Test
    void teamsAndMembershipsAndATeamInUseIsKept() {
        Agent alice = fixtures.agent(account, "Alice", Role.AGENT);
        JsonNode team = ok(post("/api/v1/admin/teams", "{\"name\": \"Sales\"}"));
        String id = team.path("id").asString();
        assertThat(problem(post("/api/v1/admin/teams", "{\"name\": \"Sales\"}"), 409).path("code").asString()).isEqualTo("name_taken");
        assertThat(problem(post("/api/v1/admin/teams", "{\"name\": \"  \"}"), 400).path("field").asString()).isEqualTo("name");
        JsonNode joined = ok(http.put().uri("/api/v1/admin/teams/" + id + "/members/" + alice.id()).header("Authorization", "Bearer " + admin));
        assertThat(joined.path("memberIds").toString()).contains(alice.id());
        ok(http.put().uri("/api/v1/admin/teams/" + id + "/members/" + alice.id()).header("Authorization", "Bearer " + admin));
        Agent stranger = fixtures.agent(fixtures.account("Globex"), "Eve", Role.AGENT);
        problem(http.put().uri("/api/v1/admin/teams/" + id + "/members/" + stranger.id()).header("Authorization", "Bearer " + admin), 404);
        assertThat(ok(get("/api/v1/admin/teams/" + id)).path("memberIds").size()).isEqualTo(1);

        Site site = fixtures.site(account, "https://shop.example");
        ok(http.put().uri("/api/v1/admin/sites/" + site.id() + "/queue-settings").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"policy\": \"ROUND_ROBIN\", \"maxChatsPerAgent\": 3, \"queueTimeoutSeconds\": 60, \"teamId\": \"" + id + "\"}"));
        assertThat(problem(http.delete().uri("/api/v1/admin/teams/" + id).header("Authorization", "Bearer " + admin), 409)
                .path("code").asString()).isEqualTo("team_in_use");
        ok(http.put().uri("/api/v1/admin/sites/" + site.id() + "/queue-settings").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"policy\": \"ROUND_ROBIN\", \"maxChatsPerAgent\": 3, \"queueTimeoutSeconds\": 60}"));
        JsonNode left = ok(http.delete().uri("/api/v1/admin/teams/" + id + "/members/" + alice.id()).header("Authorization", "Bearer " + admin));
        assertThat(left.path("memberIds").size()).isZero();
        http.delete().uri("/api/v1/admin/teams/" + id).header("Authorization", "Bearer " + admin).exchange().expectStatus().isNoContent();
        assertThat(ok(get("/api/v1/admin/teams")).size()).isZero();
        assertThat(actions()).contains("team.created", "team.member_added", "team.member_removed", "team.deleted");
    }

    @Test
    void bansAreListedAndLifted() {
        Site site = fixtures.site(account, "https://shop.example");
        Visitors visitors = context.getBean(Visitors.class);
        String visitorId = fixtures.visitor(site);
        Bans bans = context.getBean(Bans.class);
        bans.ban(account.id(), visitorId, adminAgent.id(), "spam", Duration.ofHours(2), false, null).block(WAIT);
        JsonNode page = ok(get("/api/v1/admin/bans"));
        assertThat(page.path("items").size()).isEqualTo(1);
        JsonNode ban = page.path("items").get(0);
        assertThat(ban.path("visitorId").asString()).isEqualTo(visitorId);
        assertThat(ban.path("reason").asString()).isEqualTo("spam");
        http.delete().uri("/api/v1/admin/bans/" + ban.path("id").asString()).header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isNoContent();
        assertThat(bans.banned(visitors.find(account.id(), visitorId).block(WAIT), null).block(WAIT)).isFalse();
        assertThat(ok(get("/api/v1/admin/bans")).path("items").size()).isZero();
        assertThat(ok(get("/api/v1/admin/bans?all=true")).path("items").size()).isEqualTo(1);
        problem(http.delete().uri("/api/v1/admin/bans/" + ban.path("id").asString()).header("Authorization", "Bearer " + admin), 404);
        assertThat(actions()).contains("visitor.ban_lifted");
        problem(get("/api/v1/admin/bans?limit=500"), 400);
    }

    @Test
    void theOpenApiDescriptionListsTheAdminRoutes() {
        JsonNode docs = ok(http.get().uri("/v3/api-docs"));
        assertThat(docs.path("openapi").asString()).startsWith("3.");
        assertThat(docs.path("paths").has("/api/v1/admin/sites/{siteId}/queue-settings")).isTrue();
        assertThat(docs.path("paths").has("/api/v1/admin/agents/{agentId}/deactivate")).isTrue();
        assertThat(docs.path("components").path("securitySchemes").has("bearer")).isTrue();
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    List<String> actions() {
        return context.getBean(AuditLog.class).page(account.id(), null, 50).map(AuditEntry::action).collectList().block(WAIT);
    }

    WebTestClient.RequestHeadersSpec<?> get(String uri) {
        return http.get().uri(uri).header("Authorization", "Bearer " + admin);
    }

    WebTestClient.RequestHeadersSpec<?> post(String uri, String json) {
        return http.post().uri(uri).header("Authorization", "Bearer " + admin).contentType(MediaType.APPLICATION_JSON).bodyValue(json);
    }
}
