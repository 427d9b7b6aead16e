package dev.parley.testing;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.AgentDraft;
import dev.parley.agent.Agents;
import dev.parley.agent.Role;
import dev.parley.shared.Ids;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Signed-in agents calling the REST APIs over real HTTP. Test code: it may wait. */
public final class AdminHttp {

    public static final String PASSWORD = "correct horse battery staple";
    static final Duration WAIT = Duration.ofSeconds(10);

    private AdminHttp() {
    }

    /** A client for the node on {@code port}. */
    public static WebTestClient http(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    /** A new agent of the account with {@link #PASSWORD} and an email no other test uses. */
    public static Agent agent(ApplicationContext context, String accountId, Role role, String name) {
        String email = name.toLowerCase(Locale.ROOT) + "-" + Ids.next().toLowerCase(Locale.ROOT) + "@example.test";
        return context.getBean(Agents.class).create(accountId, new AgentDraft(email, name, role, PASSWORD, null)).block(WAIT);
    }

    /** A bearer token of a new agent of the account with this role. */
    public static String token(WebTestClient http, ApplicationContext context, String accountId, Role role) {
        return token(http, agent(context, accountId, role, "Test" + role.name().charAt(0) + role.name().substring(1).toLowerCase(Locale.ROOT)));
    }

    public static String token(WebTestClient http, Agent agent) {
        JsonNode tokens = http.post().uri("/api/v1/auth/login").bodyValue(Map.of("email", agent.email(), "password", PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return tokens.path("accessToken").asString();
    }

    /** The JSON body of a request that must succeed with 2xx. */
    public static JsonNode ok(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange().expectStatus().is2xxSuccessful().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The problem body of a request that must fail with {@code status}, as application/problem+json. */
    public static JsonNode problem(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return request.exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
