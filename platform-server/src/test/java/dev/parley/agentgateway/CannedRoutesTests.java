package dev.parley.agentgateway;

import java.util.Map;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.testing.AgentClient;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import io.rsocket.exceptions.RejectedSetupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static dev.parley.agentgateway.AgentGatewaySecurityTests.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Canned responses from the console: the account's shared ones and each agent's own. */
@ParleyIntegrationTest
class CannedRoutesTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Fixtures fixtures;
    WebTestClient http;
    Account account;
    Agent alice;
    Agent admin;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(context);
        http = LocalHttp.to(port);
        account = fixtures.account("Acme");
        alice = fixtures.agent(account, "Alice", Role.AGENT);
        admin = fixtures.agent(account, "Ada", Role.ADMIN);
    }

    @Test
    void withoutAValidTokenNoCannedRouteAnswers() {
        for (String route : new String[] {"canned.list", "canned.create", "canned.update", "canned.delete"}) {
            for (String token : new String[] {null, "not-a-jwt"}) {
                try (AgentClient client = AgentClient.connect(port, token)) {
                    assertThatThrownBy(() -> client.call(route, Map.of("id", "x", "shortcut", "hi", "title", "Hi", "body", "Hello")))
                            .as("%s with token %s", route, token)
                            .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(RejectedSetupException.class),
                                    e -> assertThat(e).hasRootCauseInstanceOf(RejectedSetupException.class),
                                    e -> assertThat(e.getMessage()).containsIgnoringCase("denied"));
                }
            }
        }
    }

    @Test
    void anAgentMayNotEditTheSharedSetNorSeeOrTouchAnotherAgentsOwn() {
        Agent bob = fixtures.agent(account, "Bob", Role.SUPERVISOR);
        try (AgentClient a = AgentClient.connect(port, login(alice)); AgentClient b = AgentClient.connect(port, login(bob));
                AgentClient boss = AgentClient.connect(port, login(admin))) {
            assertThat(error(a, "canned.create", Map.of("scope", "shared", "shortcut", "hi", "title", "Hi", "body", "Hello")))
                    .contains("\"forbidden\"");
            assertThat(error(b, "canned.create", Map.of("scope", "shared", "shortcut", "hi", "title", "Hi", "body", "Hello")))
                    .as("supervisors do not edit the account's configuration").contains("\"forbidden\"");
            String shared = boss.call("canned.create", Map.of("scope", "shared", "shortcut", "hi", "title", "Hi", "body", "Hello"))
                    .path("id").asString();
            assertThat(error(a, "canned.update", Map.of("id", shared, "shortcut", "hi", "title", "Hi", "body", "Mine now")))
                    .contains("\"forbidden\"");
            assertThat(error(a, "canned.delete", Map.of("id", shared))).contains("\"forbidden\"");

            String bobs = b.call("canned.create", Map.of("shortcut", "sig", "title", "Signature", "body", "Bob")).path("id").asString();
            String missing = error(a, "canned.update", Map.of("id", "01M80X7QEFE5AYCSGAE45BD13F", "shortcut", "x", "title", "X",
                    "body", "X"));
            assertThat(error(a, "canned.update", Map.of("id", bobs, "shortcut", "x", "title", "X", "body", "X"))).isEqualTo(missing)
                    .contains("\"not_found\"");
            assertThat(error(a, "canned.delete", Map.of("id", bobs))).contains("\"not_found\"");
            assertThat(error(boss, "canned.delete", Map.of("id", bobs))).as("not even an admin edits someone's own").contains("\"not_found\"");
            assertThat(a.call("canned.list", Map.of()).findValuesAsString("id")).containsExactly(shared);
        }
    }

    @Test
    void anotherAccountsResponsesAreNeitherListedNorReachable() {
        Agent stranger = fixtures.agent(fixtures.account("Globex"), "Gus", Role.ADMIN);
        try (AgentClient them = AgentClient.connect(port, login(stranger)); AgentClient boss = AgentClient.connect(port, login(admin))) {
            String theirs = them.call("canned.create", Map.of("scope", "shared", "shortcut", "hi", "title", "Hi", "body", "Globex says hi"))
                    .path("id").asString();
            assertThat(boss.call("canned.list", Map.of())).isEmpty();
            assertThat(error(boss, "canned.update", Map.of("id", theirs, "shortcut", "hi", "title", "Hi", "body", "Acme now")))
                    .contains("\"not_found\"");
            assertThat(error(boss, "canned.delete", Map.of("id", theirs))).contains("\"not_found\"");
            assertThat(boss.call("canned.create", Map.of("scope", "shared", "shortcut", "hi", "title", "Hi", "body", "Acme says hi"))
                    .path("shortcut").asString()).as("shortcuts are unique per account, not across them").isEqualTo("hi");
        }
    }

    @Test
    void anAgentKeepsPersonalResponsesBesideTheSharedOnes() {
        try (AgentClient a = AgentClient.connect(port, login(alice)); AgentClient boss = AgentClient.connect(port, login(admin))) {
            boss.call("canned.create", Map.of("scope", "shared", "shortcut", "refund", "title", "Refunds", "body", "Within 14 days."));
            JsonNode mine = a.call("canned.create", Map.of("shortcut", "/Refund", "title", "My refunds", "body", "I refund at once."));
            assertThat(mine.path("scope").asString()).isEqualTo("personal");
            assertThat(mine.path("shortcut").asString()).as("the same shortcut may exist in another scope").isEqualTo("refund");
            assertThat(error(a, "canned.create", Map.of("shortcut", "refund", "title", "Twice", "body", "x"))).contains("\"shortcut_taken\"");
            assertThat(error(a, "canned.create", Map.of("shortcut", "hi there", "title", "T", "body", "x"))).contains("\"invalid_request\"")
                    .contains("shortcut");
            assertThat(error(a, "canned.create", Map.of("scope", "team", "shortcut", "t", "title", "T", "body", "x")))
                    .contains("\"invalid_request\"");

            JsonNode updated = a.call("canned.update", Map.of("id", mine.path("id").asString(), "shortcut", "fast-refund",
                    "title", "My refunds", "body", "I refund today."));
            assertThat(updated.path("body").asString()).isEqualTo("I refund today.");
            JsonNode list = a.call("canned.list", Map.of());
            assertThat(list.findValuesAsString("shortcut")).containsExactly("fast-refund", "refund");
            assertThat(list.findValuesAsString("scope")).containsExactly("personal", "shared");

            a.call("canned.delete", Map.of("id", mine.path("id").asString()));
            assertThat(a.call("canned.list", Map.of()).findValuesAsString("shortcut")).containsExactly("refund");
            assertThat(boss.call("canned.list", Map.of()).findValuesAsString("shortcut")).containsExactly("refund");
        }
    }

    private String login(Agent agent) {
        return AgentClient.login(http, agent.email(), "password-" + agent.displayName());
    }
}
