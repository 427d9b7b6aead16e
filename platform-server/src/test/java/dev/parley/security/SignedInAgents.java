package dev.parley.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.AgentDraft;
import dev.parley.agent.Agents;
import dev.parley.agent.Role;
import dev.parley.shared.Ids;
import dev.parley.site.Account;
import dev.parley.testing.Fixtures;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Agents with passwords, signed in through the real API. Test code: it may wait. */
final class SignedInAgents {

    static final String PASSWORD = "correct horse battery staple";
    static final Duration WAIT = Duration.ofSeconds(10);

    private SignedInAgents() {
    }

    static Account account(ApplicationContext context) {
        return new Fixtures(context).account("Acme");
    }

    /** A new agent with {@link #PASSWORD} and an email no other test uses. */
    static Agent agent(ApplicationContext context, String accountId, Role role) {
        String email = role.name().toLowerCase(Locale.ROOT) + "-" + Ids.next().toLowerCase(Locale.ROOT) + "@example.test";
        return context.getBean(Agents.class).create(accountId, new AgentDraft(email, "Test " + role, role, PASSWORD, null)).block(WAIT);
    }

    static WebTestClient http(int port) {
        // The timeout is generous because password hashing on a busy 2-core CI box can take seconds.
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The token response of a successful sign-in. */
    static JsonNode login(WebTestClient http, String email) {
        return http.post().uri("/api/v1/auth/login").bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    static JsonNode refresh(WebTestClient http, String refreshToken) {
        return http.post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refreshToken", refreshToken))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    static String access(JsonNode tokens) {
        return tokens.path("accessToken").asString();
    }

    static String refresh(JsonNode tokens) {
        return tokens.path("refreshToken").asString();
    }
}
