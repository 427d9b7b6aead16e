package dev.parley.canned;

import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The admin REST API of an account's shared canned responses. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.canned.max-per-scope=3")
class CannedAdminApiTests {

    static final String PATH = "/api/v1/admin/canned-responses";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    Account account;
    Agent admin;

    @BeforeEach
    void setUp() {
        http = LocalHttp.to(port);
        Fixtures fixtures = new Fixtures(context);
        account = fixtures.account("Acme");
        admin = fixtures.agent(account, "Ada", Role.ADMIN);
    }

    @Test
    void withoutAnAdminTokenNothingIsListedOrChanged() {
        Fixtures fixtures = new Fixtures(context);
        http.get().uri(PATH).exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
        for (Role role : new Role[] {Role.AGENT, Role.SUPERVISOR}) {
            String token = token(fixtures.agent(account, "Sam" + role.name().charAt(0), role));
            http.get().uri(PATH).header("Authorization", "Bearer " + token).exchange().expectStatus().isForbidden()
                    .expectBody().jsonPath("$.code").isEqualTo("forbidden");
            http.post().uri(PATH).header("Authorization", "Bearer " + token)
                    .bodyValue(Map.of("shortcut", "hi", "title", "Hi", "body", "Hello!")).exchange().expectStatus().isForbidden();
        }
        assertThat(list(token(admin)).path("items")).isEmpty();
    }

    @Test
    void anotherAccountsResponseAnswersExactlyLikeAMissingOne() {
        Fixtures fixtures = new Fixtures(context);
        Agent stranger = fixtures.agent(fixtures.account("Globex"), "Gus", Role.ADMIN);
        String theirs = create(token(stranger), "refund", "Refunds", "We refund within 14 days.").path("id").asString();
        String mine = token(admin);

        byte[] foreign = http.get().uri(PATH + "/" + theirs).header("Authorization", "Bearer " + mine).exchange()
                .expectStatus().isNotFound().expectBody().returnResult().getResponseBody();
        byte[] missing = http.get().uri(PATH + "/01M80X7QEFE5AYCSGAE45BD13F").header("Authorization", "Bearer " + mine).exchange()
                .expectStatus().isNotFound().expectBody().returnResult().getResponseBody();
        assertThat(new String(foreign).replace(theirs, "ID")).isEqualTo(new String(missing).replace("01M80X7QEFE5AYCSGAE45BD13F", "ID"));
        http.put().uri(PATH + "/" + theirs).header("Authorization", "Bearer " + mine)
                .bodyValue(Map.of("shortcut", "mine", "title", "Mine", "body", "Taken over")).exchange().expectStatus().isNotFound();
        http.delete().uri(PATH + "/" + theirs).header("Authorization", "Bearer " + mine).exchange().expectStatus().isNotFound();
        assertThat(list(mine).path("items")).isEmpty();
        assertThat(list(token(stranger)).path("items").get(0).path("body").asString()).isEqualTo("We refund within 14 days.");
    }

    @Test
    void anAgentsPersonalResponseIsNotPartOfTheAccountsSet() {
        Agent alice = new Fixtures(context).agent(account, "Alice", Role.AGENT);
        try (AgentClient console = AgentClient.connect(port, token(alice))) {
            String personal = console.call("canned.create", Map.of("shortcut", "sig", "title", "Signature", "body", "Alice, Acme"))
                    .path("id").asString();
            http.get().uri(PATH + "/" + personal).header("Authorization", "Bearer " + token(admin)).exchange().expectStatus().isNotFound();
            assertThat(list(token(admin)).path("items")).isEmpty();
        }
    }

    @Test
    void invalidInputIsAProblemNamingTheField() {
        String token = token(admin);
        problem(http.post().uri(PATH).header("Authorization", "Bearer " + token).bodyValue(Map.of("shortcut", "bad shortcut!",
                "title", "T", "body", "B")).exchange(), 400, "invalid_request", "shortcut");
        problem(http.post().uri(PATH).header("Authorization", "Bearer " + token).bodyValue(Map.of("shortcut", "ok", "title", "",
                "body", "B")).exchange(), 400, "invalid_request", "title");
        problem(http.post().uri(PATH).header("Authorization", "Bearer " + token).bodyValue(Map.of("shortcut", "ok", "title", "T",
                "body", "x".repeat(5_001))).exchange(), 400, "invalid_request", "5000");
        problem(http.post().uri(PATH).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json").exchange(), 400, "invalid_request", "JSON");
        problem(http.get().uri(PATH + "?limit=0").header("Authorization", "Bearer " + token).exchange(), 400, "invalid_request", "limit");
    }

    @Test
    void createEditDeleteArePagedByShortcutAudited() {
        String token = token(admin);
        JsonNode created = create(token, "/Greet", "Greeting", "Hello, how can I help?");
        assertThat(created.path("shortcut").asString()).as("the slash is dropped and case folded").isEqualTo("greet");
        problem(http.post().uri(PATH).header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("shortcut", "greet", "title", "Again", "body", "Hi")).exchange(), 409, "shortcut_taken", "/greet");
        create(token, "bye", "Goodbye", "Thanks for chatting!");
        create(token, "hours", "Opening hours", "We answer 9 to 5.");
        problem(http.post().uri(PATH).header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("shortcut", "more", "title", "More", "body", "One too many")).exchange(), 409, "limit_reached", "3");

        JsonNode first = list(token, "?limit=2");
        assertThat(first.path("items").findValuesAsString("shortcut")).containsExactly("bye", "greet");
        JsonNode second = list(token, "?limit=2&after=" + first.path("next").asString());
        assertThat(second.path("items").findValuesAsString("shortcut")).containsExactly("hours");
        assertThat(second.path("next").isMissingNode()).isTrue();

        String id = created.path("id").asString();
        http.put().uri(PATH + "/" + id).header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("shortcut", "hello", "title", "Greeting", "body", "Hi there!")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.shortcut").isEqualTo("hello").jsonPath("$.body").isEqualTo("Hi there!");
        http.delete().uri(PATH + "/" + id).header("Authorization", "Bearer " + token).exchange().expectStatus().isNoContent();
        http.get().uri(PATH + "/" + id).header("Authorization", "Bearer " + token).exchange().expectStatus().isNotFound();

        JsonNode audit = http.get().uri("/api/v1/admin/audit-log?limit=10").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(audit.path("entries").findValuesAsString("action")).startsWith("canned_response.deleted", "canned_response.updated")
                .contains("canned_response.created");
        assertThat(audit.path("entries").get(0).path("actorId").asString()).isEqualTo(admin.id());
    }

    private JsonNode create(String token, String shortcut, String title, String body) {
        return http.post().uri(PATH).header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("shortcut", shortcut, "title", title, "body", body)).exchange()
                .expectStatus().isCreated().expectHeader().exists("Location")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode list(String token) {
        return list(token, "");
    }

    private JsonNode list(String token, String query) {
        return http.get().uri(PATH + query).header("Authorization", "Bearer " + token).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static void problem(WebTestClient.ResponseSpec response, int status, String code, String detailMentions) {
        JsonNode body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("detail").asString()).contains(detailMentions);
    }

    private String token(Agent agent) {
        return AgentClient.login(http, agent.email(), "password-" + agent.displayName());
    }
}
