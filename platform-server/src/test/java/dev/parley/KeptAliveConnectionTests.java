package dev.parley;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.KeptAliveHttp;
import dev.parley.testing.KeptAliveHttp.Response;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console reuses its HTTP connection for every REST call. Each request on that connection must
 * be answered, whatever the previous one was, however quickly it follows.
 */
@ParleyIntegrationTest
class KeptAliveConnectionTests {

    /** Enough create-edit-delete-read cycles back to back to meet a lost read on a kept-alive connection. */
    static final int CYCLES = 300;

    static final String PATH = "/api/v1/admin/canned-responses";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void everyRequestOnOneKeptAliveConnectionIsAnswered() throws IOException {
        Fixtures fixtures = new Fixtures(context);
        Agent admin = fixtures.agent(fixtures.account("Acme"), "Ada", Role.ADMIN);
        String token = AgentClient.login(LocalHttp.to(port), admin.email(), "password-" + admin.displayName());
        try (KeptAliveHttp http = new KeptAliveHttp(port, Duration.ofSeconds(10))) {
            for (int i = 0; i < CYCLES; i++) {
                try {
                    cycle(http, token, i);
                }
                catch (SocketTimeoutException e) {
                    throw new AssertionError("Cycle " + i + " of " + CYCLES + " got no answer on the kept-alive connection", e);
                }
            }
        }
    }

    private static void cycle(KeptAliveHttp http, String token, int i) throws IOException {
        Response created = http.exchange("POST", PATH, token, "{\"shortcut\":\"s" + i + "\",\"title\":\"T\",\"body\":\"B\"}");
        assertThat(created.status()).as("create %d: %s", i, created.body()).isEqualTo(201);
        String id = created.headers().get("location").replaceAll(".*/", "");
        Response edited = http.exchange("PUT", PATH + "/" + id, token, "{\"shortcut\":\"e" + i + "\",\"title\":\"T\",\"body\":\"Hi\"}");
        assertThat(edited.status()).as("edit %d", i).isEqualTo(200);
        assertThat(edited.body()).contains("\"shortcut\":\"e" + i + "\"");
        assertThat(http.exchange("DELETE", PATH + "/" + id, token, null).status()).as("delete %d", i).isEqualTo(204);
        assertThat(http.exchange("GET", PATH + "/" + id, token, null).status()).as("read %d", i).isEqualTo(404);
        // Written by the security filter without touching the database: the quick, synchronous answer.
        assertThat(http.exchange("GET", PATH + "?limit=1", null, null).status()).as("unauthenticated %d", i).isEqualTo(401);
    }
}
