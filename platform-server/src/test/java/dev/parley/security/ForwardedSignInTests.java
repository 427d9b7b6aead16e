package dev.parley.security;

import java.util.Map;

import dev.parley.agent.Role;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy Parley is told to trust ({@code server.forward-headers-strategy=framework}), the
 * sign-in limit per address counts the forwarded client: one client's failures must not lock
 * every user of the proxy out.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = {"server.forward-headers-strategy=framework", "parley.security.login-max-failures-per-address=3"})
class ForwardedSignInTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void failuresFromOneForwardedClientThrottleThatClientOnly() {
        WebTestClient http = SignedInAgents.http(port);
        String accountId = SignedInAgents.account(context).id();
        for (int i = 0; i < 3; i++) {
            // A different email each time, so only the address limit can apply.
            assertThat(status(http, "203.0.113.7", "nobody-" + i + "@example.test", "wrong")).isEqualTo(401);
        }
        assertThat(status(http, "203.0.113.7", "nobody-3@example.test", "wrong")).isEqualTo(429);

        String email = SignedInAgents.agent(context, accountId, Role.AGENT).email();
        assertThat(status(http, "198.51.100.4", email, SignedInAgents.PASSWORD)).isEqualTo(200);
    }

    private static int status(WebTestClient http, String client, String email, String password) {
        return http.post().uri("/api/v1/auth/login").header("X-Forwarded-For", client)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().returnResult(byte[].class).getStatus().value();
    }
}
