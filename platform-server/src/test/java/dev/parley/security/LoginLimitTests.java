package dev.parley.security;

import java.util.Arrays;
import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.parley.security.SignedInAgents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in failures and their limit. Every request comes from 127.0.0.1, so the address limit is
 * raised to 8 here to tell it apart from the email limit (5, the default); a context of its own
 * keeps these failures from throttling other tests' sign-ins.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.security.login-max-failures-per-address=8")
class LoginLimitTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    Agent agent;

    @BeforeEach
    void setUp() {
        forgetAttempts();
        http = SignedInAgents.http(port);
        agent = SignedInAgents.agent(context, SignedInAgents.account(context).id(), Role.AGENT);
    }

    @AfterEach
    void forgetAttempts() {
        context.getBean(DatabaseClient.class).sql("DELETE FROM login_attempts").then().block(WAIT);
    }

    @Test
    void aWrongEmailAndAWrongPasswordGetByteForByteTheSameAnswer() {
        EntityExchangeResult<byte[]> unknownEmail = login("nobody-" + agent.email(), SignedInAgents.PASSWORD);
        EntityExchangeResult<byte[]> wrongPassword = login(agent.email(), "wrong password");
        // Past BCrypt's 72-byte limit: still just a wrong password.
        EntityExchangeResult<byte[]> longPassword = login(agent.email(), "ü".repeat(200));
        for (EntityExchangeResult<byte[]> result : Arrays.asList(unknownEmail, wrongPassword, longPassword)) {
            assertThat(result.getStatus().value()).isEqualTo(401);
            assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(new String(result.getResponseBody())).contains("\"code\":\"invalid_credentials\"");
        }
        assertThat(wrongPassword.getResponseBody()).isEqualTo(unknownEmail.getResponseBody()).isEqualTo(longPassword.getResponseBody());
        assertThat(wrongPassword.getResponseHeaders().toSingleValueMap()).containsAllEntriesOf(Map.of(
                "Content-Type", unknownEmail.getResponseHeaders().getFirst("Content-Type"),
                "Content-Length", unknownEmail.getResponseHeaders().getFirst("Content-Length")));
    }

    @Test
    void missingCredentialsAreABadRequestThatDoesNotCount() {
        for (Object body : new Object[] {Map.of(), Map.of("email", agent.email()), Map.of("password", "x")}) {
            http.post().uri("/api/v1/auth/login").bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("invalid_request");
        }
        http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\": {\"$regex\": \".*\"}, \"password\": \"x\"}").exchange()
                .expectStatus().isBadRequest();
        assertThat(attempts()).isZero();
    }

    @Test
    void fiveFailuresForOneEmailLockItForFiveMinutesWithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            assertThat(login(agent.email(), "wrong " + i).getStatus().value()).isEqualTo(401);
        }
        EntityExchangeResult<byte[]> locked = login(agent.email(), SignedInAgents.PASSWORD);
        assertThat(locked.getStatus().value()).as("even the right password").isEqualTo(429);
        assertThat(locked.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(locked.getResponseBody())).contains("\"code\":\"too_many_attempts\"");
        assertThat(Long.parseLong(locked.getResponseHeaders().getFirst("Retry-After"))).isBetween(290L, 300L);
        // The email is locked, not the address: another agent still signs in from it.
        Agent colleague = SignedInAgents.agent(context, agent.accountId(), Role.AGENT);
        assertThat(login(colleague.email(), SignedInAgents.PASSWORD).getStatus().value()).isEqualTo(200);
        assertThat(login(" " + agent.email().toUpperCase() + " ", SignedInAgents.PASSWORD).getStatus().value())
                .as("the same email in other case and spacing").isEqualTo(429);
    }

    @Test
    void eightFailuresFromOneAddressLockItForEveryEmail() {
        for (int i = 0; i < 8; i++) {
            assertThat(login("guess-" + i + "@example.test", "wrong").getStatus().value()).isEqualTo(401);
        }
        EntityExchangeResult<byte[]> locked = login(agent.email(), SignedInAgents.PASSWORD);
        assertThat(locked.getStatus().value()).isEqualTo(429);
        assertThat(locked.getResponseHeaders().getFirst("Retry-After")).matches("[1-9][0-9]*");
        assertThat(new String(locked.getResponseBody())).contains("\"code\":\"too_many_attempts\"");
    }

    @Test
    void successfulSignInsAndRefusedTriesDoNotCount() {
        for (int i = 0; i < 4; i++) {
            login(agent.email(), "wrong");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(login(agent.email(), SignedInAgents.PASSWORD).getStatus().value()).isEqualTo(200);
        }
        assertThat(login(agent.email(), "wrong").getStatus().value()).as("the fifth failure").isEqualTo(401);
        assertThat(login(agent.email(), "wrong").getStatus().value()).isEqualTo(429);
        assertThat(login(agent.email(), "wrong").getStatus().value()).isEqualTo(429);
        assertThat(attempts()).as("five failures per key, nothing for refused tries").isEqualTo(10);
    }

    private EntityExchangeResult<byte[]> login(String email, String password) {
        return http.post().uri("/api/v1/auth/login").bodyValue(Map.of("email", email, "password", password))
                .exchange().expectBody().returnResult();
    }

    private long attempts() {
        return context.getBean(DatabaseClient.class).sql("SELECT COUNT(*) AS n FROM login_attempts")
                .map(row -> row.get("n", Long.class)).one().block(WAIT);
    }
}
