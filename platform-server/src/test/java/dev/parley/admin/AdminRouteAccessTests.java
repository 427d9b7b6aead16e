package dev.parley.admin;

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
import dev.parley.visitor.Bans;
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
 * Every admin route: refused without a token, refused to agents and supervisors, and answering an
 * admin of another account exactly as it answers an id that does not exist.
 */
@ParleyIntegrationTest
class AdminRouteAccessTests {

    static final String MISSING = "01M80X7QEFE5AYCSGAE45BD13F";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    Fixtures fixtures;
    Account acme;
    Site site;
    Agent agent;
    Team team;
    String ban;

    record Route(HttpMethod method, String path, String body) {
        String with(String id) {
            return path.replace("{id}", id);
        }
    }

    @BeforeEach
    void setUp() {
        http = AdminHttp.http(port);
        fixtures = new Fixtures(context);
        acme = fixtures.account("Acme");
        site = fixtures.site(acme, "https://shop.example");
        agent = fixtures.agent(acme, "Alice", Role.AGENT);
        team = context.getBean(Teams.class).create(acme.id(), "Sales").block(java.time.Duration.ofSeconds(10));
        context.getBean(Bans.class).ban(acme.id(), fixtures.visitor(site), agent.id(), "spam", null, false, null)
                .block(java.time.Duration.ofSeconds(10));
        ban = context.getBean(Bans.class).list(acme.id(), null, 1, true).blockFirst().id();
    }

    List<Route> routes() {
        return List.of(
                new Route(HttpMethod.GET, "/api/v1/admin/sites", null),
                new Route(HttpMethod.POST, "/api/v1/admin/sites", "{\"name\": \"New\", \"allowedOrigins\": []}"),
                new Route(HttpMethod.GET, "/api/v1/admin/sites/" + site.id(), null),
                new Route(HttpMethod.PATCH, "/api/v1/admin/sites/" + site.id(), "{\"greeting\": \"Hi\"}"),
                new Route(HttpMethod.GET, "/api/v1/admin/sites/" + site.id() + "/snippet", null),
                new Route(HttpMethod.GET, "/api/v1/admin/sites/" + site.id() + "/identity-secret", null),
                new Route(HttpMethod.POST, "/api/v1/admin/sites/" + site.id() + "/identity-secret/rotate", null),
                new Route(HttpMethod.GET, "/api/v1/admin/sites/" + site.id() + "/queue-settings", null),
                new Route(HttpMethod.PUT, "/api/v1/admin/sites/" + site.id() + "/queue-settings",
                        "{\"policy\": \"MANUAL\", \"maxChatsPerAgent\": 2, \"queueTimeoutSeconds\": 60}"),
                new Route(HttpMethod.GET, "/api/v1/admin/agents", null),
                new Route(HttpMethod.POST, "/api/v1/admin/agents", "{\"email\": \"new@example.test\", \"displayName\": \"New\", \"role\": \"AGENT\"}"),
                new Route(HttpMethod.GET, "/api/v1/admin/agents/" + agent.id(), null),
                new Route(HttpMethod.PATCH, "/api/v1/admin/agents/" + agent.id(), "{\"capacityOverride\": 4}"),
                new Route(HttpMethod.POST, "/api/v1/admin/agents/" + agent.id() + "/deactivate", null),
                new Route(HttpMethod.POST, "/api/v1/admin/agents/" + agent.id() + "/reactivate", null),
                new Route(HttpMethod.GET, "/api/v1/admin/teams", null),
                new Route(HttpMethod.POST, "/api/v1/admin/teams", "{\"name\": \"Support\"}"),
                new Route(HttpMethod.GET, "/api/v1/admin/teams/" + team.id(), null),
                new Route(HttpMethod.PATCH, "/api/v1/admin/teams/" + team.id(), "{\"name\": \"Renamed\"}"),
                new Route(HttpMethod.PUT, "/api/v1/admin/teams/" + team.id() + "/members/" + agent.id(), null),
                new Route(HttpMethod.DELETE, "/api/v1/admin/teams/" + team.id() + "/members/" + agent.id(), null),
                new Route(HttpMethod.DELETE, "/api/v1/admin/teams/" + team.id(), null),
                new Route(HttpMethod.GET, "/api/v1/admin/bans", null),
                new Route(HttpMethod.DELETE, "/api/v1/admin/bans/" + ban, null),
                new Route(HttpMethod.GET, "/api/v1/admin/audit-log", null),
                new Route(HttpMethod.GET, "/api/v1/admin/exports/messages", null),
                new Route(HttpMethod.GET, "/api/v1/admin/exports/messages?format=csv", null));
    }

    @Test
    void withoutATokenEveryRouteIsUnauthorized() {
        for (Route route : routes()) {
            assertThat(problem(request(route, null), 401).path("code").asString()).as(route.toString()).isEqualTo("unauthenticated");
        }
    }

    @Test
    void agentsAndSupervisorsAreForbiddenEveryRoute() {
        for (Role role : new Role[] {Role.AGENT, Role.SUPERVISOR}) {
            String token = AdminHttp.token(http, context, acme.id(), role);
            for (Route route : routes()) {
                assertThat(problem(request(route, token), 403).path("code").asString()).as(role + " " + route).isEqualTo("forbidden");
            }
        }
        // Nothing was changed by the refused requests.
        assertThat(context.getBean(dev.parley.agent.Agents.class).find(acme.id(), agent.id()).block().active()).isTrue();
    }

    @Test
    void anAdminOfAnotherAccountGetsWhatAMissingIdGets() {
        Account globex = fixtures.account("Globex");
        String stranger = AdminHttp.token(http, context, globex.id(), Role.ADMIN);
        for (Route route : routes()) {
            if (!route.path().contains(site.id()) && !route.path().contains(agent.id()) && !route.path().contains(team.id())
                    && !route.path().contains(ban)) {
                continue;
            }
            String missingPath = route.path().replace(site.id(), MISSING).replace(agent.id(), MISSING).replace(team.id(), MISSING)
                    .replace(ban, MISSING);
            JsonNode foreign = problem(request(route, stranger), 404);
            JsonNode missing = problem(request(new Route(route.method(), missingPath, route.body()), stranger), 404);
            assertThat(foreign.path("code").asString()).as(route.toString()).isEqualTo("not_found");
            assertThat(foreign.path("detail")).as(route.toString()).isEqualTo(missing.path("detail"));
            assertThat(foreign.path("title")).isEqualTo(missing.path("title"));
        }
        // Acme's things are as they were.
        assertThat(context.getBean(dev.parley.site.Sites.class).find(acme.id(), site.id()).block().greeting()).isEqualTo("Hello");
        assertThat(context.getBean(Teams.class).find(acme.id(), team.id()).block()).isNotNull();
        assertThat(context.getBean(Bans.class).list(acme.id(), null, 5, true).collectList().block()).hasSize(1);
    }

    WebTestClient.RequestHeadersSpec<?> request(Route route, String token) {
        WebTestClient.RequestBodySpec spec = http.method(route.method()).uri(route.path());
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return route.body() == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(route.body());
    }
}
