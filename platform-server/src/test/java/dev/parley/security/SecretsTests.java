package dev.parley.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static dev.parley.security.SignedInAgents.access;
import static dev.parley.security.SignedInAgents.login;
import static dev.parley.security.SignedInAgents.refresh;
import static org.assertj.core.api.Assertions.assertThat;

/** Tokens and passwords are secrets: only sign-in and refresh return tokens, and nothing logs them. */
@ParleyIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void noOtherResponseAndNoLogLineHoldsATokenOrPassword(CapturedOutput output) {
        WebTestClient http = SignedInAgents.http(port);
        Account account = SignedInAgents.account(context);
        Agent admin = SignedInAgents.agent(context, account.id(), Role.ADMIN);
        List<String> secrets = new ArrayList<>(List.of(SignedInAgents.PASSWORD, "a wrong password"));
        List<String> otherResponses = new ArrayList<>();

        JsonNode first = login(http, admin.email());
        JsonNode second = SignedInAgents.refresh(http, refresh(first));
        secrets.addAll(List.of(access(first), refresh(first), access(second), refresh(second)));
        String bearer = "Bearer " + access(second);

        otherResponses.add(body(http.post().uri("/api/v1/auth/login").bodyValue(Map.of("email", admin.email(), "password", "a wrong password"))
                .exchange()));
        otherResponses.add(body(http.get().uri("/api/v1/me").header("Authorization", bearer).exchange()));
        otherResponses.add(body(http.get().uri("/api/v1/admin/audit-log").header("Authorization", bearer).exchange()));
        otherResponses.add(body(http.get().uri("/.well-known/jwks.json").exchange()));
        otherResponses.add(body(http.post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refreshToken", refresh(first))).exchange()));
        otherResponses.add(body(http.get().uri("/api/v1/me").header("Authorization", bearer).exchange()));
        otherResponses.add(body(http.get().uri("/api/v1/admin/audit-log").header("Authorization", "Bearer " + access(login(http, admin.email())))
                .exchange()));

        assertThat(String.join("\n", otherResponses)).contains("session.revoked").satisfies(all -> {
            for (String secret : secrets) {
                assertThat(all).doesNotContain(secret);
            }
        });
        for (String secret : secrets) {
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    private static String body(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return body == null ? "" : new String(body);
    }
}
