package dev.parley.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.audit.AuditEntry;
import dev.parley.audit.AuditLog;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;
import dev.parley.site.Account;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static dev.parley.security.SignedInAgents.WAIT;
import static dev.parley.security.SignedInAgents.access;
import static dev.parley.security.SignedInAgents.login;
import static dev.parley.security.SignedInAgents.refresh;
import static org.assertj.core.api.Assertions.assertThat;

/** Sessions: refresh tokens rotate, a reused one ends the session, sign-out ends it everywhere and says so on the bus. */
@ParleyIntegrationTest
class SessionTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AgentAuthentication authentication;

    @Autowired
    AgentSessions sessions;

    WebTestClient http;
    Account account;
    Agent agent;

    @BeforeEach
    void setUp() {
        http = SignedInAgents.http(port);
        account = SignedInAgents.account(context);
        agent = SignedInAgents.agent(context, account.id(), Role.SUPERVISOR);
    }

    @Test
    void aMissingUnknownOrMalformedRefreshTokenIsAProblem() {
        for (Object body : new Object[] {Map.of(), Map.of("refreshToken", "made-up"), Map.of("refreshToken", "x".repeat(5000))}) {
            http.post().uri("/api/v1/auth/refresh").bodyValue(body).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("invalid_token");
        }
        http.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"refreshToken\": {\"$ne\": 1}}")
                .exchange().expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Exception", "dev.parley"));
    }

    @Test
    void aRefreshRotatesBothTokensAndKeepsTheSession() {
        JsonNode first = login(http, agent.email());
        JsonNode second = refresh(http, refresh(first));
        assertThat(refresh(second)).isNotEqualTo(refresh(first)).hasSize(43);
        assertThat(access(second)).isNotEqualTo(access(first));
        assertThat(second.path("agent").path("role").asString()).isEqualTo("SUPERVISOR");
        assertThat(TokenClaims.sid(access(second))).isEqualTo(TokenClaims.sid(access(first)));
        JsonNode third = refresh(http, refresh(second));
        me(access(third)).expectStatus().isOk();
        me(access(first)).expectStatus().isOk();
    }

    @Test
    void reusingARetiredRefreshTokenEndsTheWholeSession() {
        JsonNode first = login(http, agent.email());
        JsonNode second = refresh(http, refresh(first));

        http.post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refreshToken", refresh(first))).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_token");

        http.post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refreshToken", refresh(second))).exchange()
                .expectStatus().isUnauthorized();
        me(access(first)).expectStatus().isUnauthorized();
        me(access(second)).expectStatus().isUnauthorized();
        List<AuditEntry> log = context.getBean(AuditLog.class).page(account.id(), null, 10).collectList().block(WAIT);
        assertThat(log).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("session.revoked");
            assertThat(entry.targetId()).isEqualTo(TokenClaims.sid(access(first)));
            assertThat(entry.actorId()).isNull();
            assertThat(entry.details()).containsEntry("reason", "refresh_token_reused").containsEntry("agentId", agent.id());
        });
    }

    @Test
    void signingOutEndsBothTokensAndIsAnnouncedOnTheAccountsTopic() {
        JsonNode tokens = login(http, agent.email());
        String sid = TokenClaims.sid(access(tokens));
        CompletableFuture<ClusterEvent> announced = context.getBean(ClusterBus.class).subscribe(Topic.account(account.id()), 16)
                .filter(event -> event instanceof SessionRevoked).next().toFuture();

        http.post().uri("/api/v1/auth/logout").header("Authorization", "Bearer " + access(tokens)).exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();

        assertThat(announced).succeedsWithin(WAIT).isEqualTo(new SessionRevoked(account.id(), agent.id(), sid));
        me(access(tokens)).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_token");
        http.post().uri("/api/v1/auth/refresh").bodyValue(Map.of("refreshToken", refresh(tokens))).exchange()
                .expectStatus().isUnauthorized();
        StepVerifier.create(sessions.isRevoked(sid)).expectNext(true).verifyComplete();
    }

    @Test
    void theSharedAuthenticationResolvesAValidTokenAndNothingElse() {
        JsonNode tokens = login(http, agent.email());
        String sid = TokenClaims.sid(access(tokens));
        StepVerifier.create(authentication.authenticate(access(tokens)))
                .assertNext(principal -> {
                    assertThat(principal.agentId()).isEqualTo(agent.id());
                    assertThat(principal.accountId()).isEqualTo(account.id());
                    assertThat(principal.role()).isEqualTo(Role.SUPERVISOR);
                    assertThat(principal.email()).isEqualTo(agent.email());
                    assertThat(principal.displayName()).isEqualTo("Test SUPERVISOR");
                    assertThat(principal.sessionId()).isEqualTo(sid);
                    assertThat(principal.expiresAt()).isAfter(java.time.Instant.now().plusSeconds(800));
                    assertThat(principal.toString()).doesNotContain(access(tokens));
                })
                .verifyComplete();
        for (String refused : new String[] {null, "", "garbage", refresh(tokens), "Bearer " + access(tokens)}) {
            StepVerifier.create(authentication.authenticate(refused)).verifyComplete();
        }
        StepVerifier.create(authentication.authenticationManager().authenticate(new BearerTokenAuthenticationToken(access(tokens))))
                .assertNext(authenticated -> {
                    assertThat(authenticated.isAuthenticated()).isTrue();
                    assertThat(authenticated.getPrincipal()).isInstanceOf(AgentPrincipal.class);
                    assertThat(authenticated.getName()).isEqualTo(agent.id());
                    assertThat(authenticated.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_SUPERVISOR");
                    assertThat(authenticated.getCredentials()).isNull();
                })
                .verifyComplete();
        StepVerifier.create(authentication.authenticationManager().authenticate(new BearerTokenAuthenticationToken("garbage")))
                .expectError(InvalidBearerTokenException.class).verify(WAIT);
        StepVerifier.create(sessions.isRevoked(sid)).expectNext(false).verifyComplete();
        StepVerifier.create(sessions.isRevoked("01ARZ3NDEKTSV4RRFFQ69G5FAV")).as("an unknown session").expectNext(true).verifyComplete();
    }

    @Test
    void anAdminMayEndAnotherAgentsSessionOfTheirAccountOnlyAndItIsAudited() {
        Agent admin = SignedInAgents.agent(context, account.id(), Role.ADMIN);
        Agent stranger = SignedInAgents.agent(context, SignedInAgents.account(context).id(), Role.ADMIN);
        String target = TokenClaims.sid(access(login(http, agent.email())));
        AgentPrincipal adminPrincipal = authentication.authenticate(access(login(http, admin.email()))).block(WAIT);
        AgentPrincipal strangerPrincipal = authentication.authenticate(access(login(http, stranger.email()))).block(WAIT);
        AgentPrincipal peer = authentication.authenticate(access(login(http, SignedInAgents.agent(context, account.id(), Role.AGENT).email())))
                .block(WAIT);

        StepVerifier.create(sessions.revoke(strangerPrincipal, target)).as("another account's admin").expectNext(false).verifyComplete();
        StepVerifier.create(sessions.revoke(peer, target)).as("a colleague without the admin role").expectNext(false).verifyComplete();
        StepVerifier.create(sessions.isRevoked(target)).expectNext(false).verifyComplete();
        StepVerifier.create(sessions.revoke(adminPrincipal, target)).expectNext(true).verifyComplete();
        StepVerifier.create(sessions.revoke(adminPrincipal, target)).as("already ended").expectNext(false).verifyComplete();
        StepVerifier.create(sessions.isRevoked(target)).expectNext(true).verifyComplete();

        // The whole page, never blockFirst: a query cancelled half-read can leave a MySQL connection unusable.
        AuditEntry entry = context.getBean(AuditLog.class).page(account.id(), null, 1).collectList().block(WAIT).get(0);
        assertThat(entry.action()).isEqualTo("session.revoked");
        assertThat(entry.actorId()).isEqualTo(admin.id());
        assertThat(entry.targetType()).isEqualTo("session");
        assertThat(entry.targetId()).isEqualTo(target);
    }

    @Test
    void onlyHashesOfRefreshTokensAreStored() {
        JsonNode tokens = login(http, agent.email());
        String everything = context.getBean(DatabaseClient.class).sql("SELECT * FROM refresh_tokens").fetch().all().collectList()
                .block(WAIT).toString() + context.getBean(DatabaseClient.class).sql("SELECT * FROM agent_sessions").fetch().all()
                .collectList().block(WAIT);
        assertThat(everything).doesNotContain(refresh(tokens)).doesNotContain(access(tokens));
    }

    private WebTestClient.ResponseSpec me(String accessToken) {
        return http.get().uri("/api/v1/me").header("Authorization", "Bearer " + accessToken).exchange();
    }
}
