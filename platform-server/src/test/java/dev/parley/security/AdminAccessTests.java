package dev.parley.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.audit.AuditLog;
import dev.parley.site.Account;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static dev.parley.security.SignedInAgents.WAIT;
import static dev.parley.security.SignedInAgents.access;
import static dev.parley.security.SignedInAgents.login;
import static org.assertj.core.api.Assertions.assertThat;

/** Admin routes: other roles are forbidden, and an admin sees their own account only. */
@ParleyIntegrationTest
class AdminAccessTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog auditLog;

    WebTestClient http;
    Account acme;
    Account globex;

    @BeforeEach
    void setUp() {
        http = SignedInAgents.http(port);
        acme = SignedInAgents.account(context);
        globex = SignedInAgents.account(context);
    }

    @Test
    void withoutATokenTheAuditLogIsUnauthorized() {
        http.get().uri("/api/v1/admin/audit-log").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void agentsAndSupervisorsAreForbiddenWithAProblem() {
        for (Role role : new Role[] {Role.AGENT, Role.SUPERVISOR}) {
            String token = access(login(http, SignedInAgents.agent(context, acme.id(), role).email()));
            http.get().uri("/api/v1/admin/audit-log").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code").isEqualTo("forbidden")
                    .jsonPath("$.status").isEqualTo(403);
            http.get().uri("/api/v1/admin/anything-else").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isForbidden();
        }
    }

    @Test
    void anAdminPagesThroughTheirOwnAccountsEntriesNewestFirst() {
        Agent admin = SignedInAgents.agent(context, acme.id(), Role.ADMIN);
        for (int i = 1; i <= 5; i++) {
            auditLog.record(acme.id(), admin.id(), "site.updated", "site", "S" + i, Map.of("field", "greeting", "n", "" + i)).block(WAIT);
            auditLog.record(globex.id(), null, "site.updated", "site", "G" + i, null).block(WAIT);
        }
        String token = access(login(http, admin.email()));

        List<String> targets = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            String uri = "/api/v1/admin/audit-log?limit=2" + (before == null ? "" : "&before=" + before);
            JsonNode page = http.get().uri(uri).header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            page.path("entries").forEach(entry -> targets.add(entry.path("targetId").asString()));
            before = page.path("next").isMissingNode() ? null : page.path("next").asString();
            pages++;
        } while (before != null && pages < 10);

        assertThat(targets).containsExactly("S5", "S4", "S3", "S2", "S1");
        assertThat(pages).isEqualTo(3);
        JsonNode newest = http.get().uri("/api/v1/admin/audit-log?limit=1").header("Authorization", "Bearer " + token).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("entries").get(0);
        assertThat(newest.path("actorId").asString()).isEqualTo(admin.id());
        assertThat(newest.path("action").asString()).isEqualTo("site.updated");
        assertThat(newest.path("details").path("n").asString()).isEqualTo("5");
        assertThat(newest.has("accountId")).isFalse();
    }

    @Test
    void anotherAccountsCursorAndBadParametersFindNothing() {
        Agent admin = SignedInAgents.agent(context, acme.id(), Role.ADMIN);
        auditLog.record(acme.id(), admin.id(), "agent.created", "agent", "A1", null).block(WAIT);
        auditLog.record(globex.id(), null, "agent.created", "agent", "G1", null).block(WAIT);
        String foreign = auditLog.page(globex.id(), null, 1).collectList().block(WAIT).get(0).id();
        String token = access(login(http, admin.email()));

        http.get().uri("/api/v1/admin/audit-log?before=" + foreign).header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.entries.length()").isEqualTo(0);
        for (String query : new String[] {"limit=0", "limit=201", "limit=x", "before=1%27%20OR%201=1"}) {
            http.get().uri("/api/v1/admin/audit-log?" + query).header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }
}
