package dev.parley.admin;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.parley.agent.Role;
import dev.parley.conversation.Conversation;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.webhook.WebhookDraft;
import dev.parley.webhook.WebhookEvent;
import dev.parley.webhook.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static dev.parley.testing.AdminHttp.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook, report, retention and visitor-data routes: refused without a token, refused to agents
 * and supervisors, and answering an admin of another account exactly as a missing id.
 */
@ParleyIntegrationTest
class OpsRouteAccessTests {

    static final String MISSING = "01M80X7QEFE5AYCSGAE45BD13F";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    Account acme;
    String webhook;
    String visitor;

    record Route(HttpMethod method, String path, String body) {
    }

    @BeforeEach
    void setUp() {
        http = AdminHttp.http(port);
        Fixtures fixtures = new Fixtures(context);
        acme = fixtures.account("Acme");
        Site site = fixtures.site(acme, "https://shop.example");
        Conversation conversation = fixtures.conversation(site);
        visitor = conversation.visitorId();
        webhook = context.getBean(Webhooks.class).create(acme.id(), new WebhookDraft("https://hooks.example.com/parley",
                Set.of(WebhookEvent.MESSAGE_CREATED), false, null)).block(Duration.ofSeconds(10)).webhook().id();
    }

    List<Route> routes() {
        return List.of(
                new Route(HttpMethod.GET, "/api/v1/admin/webhooks", null),
                new Route(HttpMethod.POST, "/api/v1/admin/webhooks", "{\"url\": \"https://x.example.com/\", \"events\": [\"message.created\"]}"),
                new Route(HttpMethod.GET, "/api/v1/admin/webhooks/" + webhook, null),
                new Route(HttpMethod.PATCH, "/api/v1/admin/webhooks/" + webhook, "{\"active\": true}"),
                new Route(HttpMethod.POST, "/api/v1/admin/webhooks/" + webhook + "/secret/rotate", null),
                new Route(HttpMethod.GET, "/api/v1/admin/webhooks/" + webhook + "/deliveries", null),
                new Route(HttpMethod.DELETE, "/api/v1/admin/webhooks/" + webhook, null),
                new Route(HttpMethod.GET, "/api/v1/admin/reports?from=2026-11-01&to=2026-11-02", null),
                new Route(HttpMethod.GET, "/api/v1/admin/reports/volume?from=2026-11-01&to=2026-11-02", null),
                new Route(HttpMethod.GET, "/api/v1/admin/retention", null),
                new Route(HttpMethod.PUT, "/api/v1/admin/retention", "{\"retentionDays\": 1}"),
                new Route(HttpMethod.GET, "/api/v1/admin/visitors/" + visitor + "/export", null),
                new Route(HttpMethod.DELETE, "/api/v1/admin/visitors/" + visitor, null));
    }

    @Test
    void withoutATokenEveryRouteIsUnauthorized() {
        for (Route route : routes()) {
            assertThat(problem(request(route, route.path(), null), 401).path("code").asString()).as(route.toString()).isEqualTo("unauthenticated");
        }
    }

    @Test
    void agentsAndSupervisorsAreForbiddenEveryRoute() {
        for (Role role : new Role[] {Role.AGENT, Role.SUPERVISOR}) {
            String token = AdminHttp.token(http, context, acme.id(), role);
            for (Route route : routes()) {
                assertThat(problem(request(route, route.path(), token), 403).path("code").asString()).as(role + " " + route)
                        .isEqualTo("forbidden");
            }
        }
        assertThat(context.getBean(Webhooks.class).find(acme.id(), webhook).block(Duration.ofSeconds(10))).isNotNull();
    }

    @Test
    void anAdminOfAnotherAccountGetsWhatAMissingIdGets() {
        String stranger = AdminHttp.token(http, context, new Fixtures(context).account("Globex").id(), Role.ADMIN);
        for (Route route : routes()) {
            if (!route.path().contains(webhook) && !route.path().contains(visitor)) {
                continue;
            }
            String missingPath = route.path().replace(webhook, MISSING).replace(visitor, MISSING);
            JsonNode foreign = problem(request(route, route.path(), stranger), 404);
            JsonNode missing = problem(request(route, missingPath, stranger), 404);
            assertThat(foreign.path("code").asString()).as(route.toString()).isEqualTo("not_found");
            assertThat(foreign.path("detail")).as(route.toString()).isEqualTo(missing.path("detail"));
        }
        assertThat(context.getBean(Webhooks.class).find(acme.id(), webhook).block(Duration.ofSeconds(10)).active()).isFalse();
    }

    @Test
    void theOpenApiDescriptionListsTheseRoutes() {
        JsonNode paths = AdminHttp.ok(http.get().uri("/v3/api-docs")).path("paths");
        for (String path : List.of("/api/v1/admin/webhooks", "/api/v1/admin/webhooks/{webhookId}/deliveries",
                "/api/v1/admin/webhooks/{webhookId}/deliveries/{deliveryId}/retry", "/api/v1/admin/reports",
                "/api/v1/admin/reports/volume", "/api/v1/admin/retention", "/api/v1/admin/visitors/{visitorId}/export",
                "/api/v1/admin/visitors/{visitorId}")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }

    WebTestClient.RequestHeadersSpec<?> request(Route route, String path, String token) {
        WebTestClient.RequestBodySpec spec = http.method(route.method()).uri(path);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return route.body() == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(route.body());
    }
}
