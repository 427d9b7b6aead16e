package dev.parley.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.testing.Nodes;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.TestBackend;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

import static dev.parley.security.SignedInAgents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens of an OpenID Connect provider (a real mock provider on a random port): mapped to
 * the agent by email, with roles from the roles claim; tokens of any other issuer are refused.
 */
@ParleyIntegrationTest
class OidcTests {

    static final String ISSUER_ID = "support";

    static final MockOAuth2Server PROVIDER = started();
    static final MockOAuth2Server STRANGER = strangerWithOtherKeys();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("parley.security.oidc-issuer-uri", () -> PROVIDER.issuerUrl(ISSUER_ID).toString());
        registry.add("parley.security.oidc-client-id", () -> "parley-console");
    }

    @AfterAll
    static void stopProviders() {
        PROVIDER.shutdown();
        STRANGER.shutdown();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AgentAuthentication authentication;

    WebTestClient http;
    Account account;
    Agent agent;

    @BeforeEach
    void setUp() {
        http = SignedInAgents.http(port);
        account = SignedInAgents.account(context);
        agent = SignedInAgents.agent(context, account.id(), Role.AGENT);
    }

    @Test
    void theSignInPageIsToldWhereTheProviderIsAndNothingSecret() {
        http.get().uri("/api/v1/auth/config").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.password").isEqualTo(true)
                .jsonPath("$.oidc.issuer").isEqualTo(PROVIDER.issuerUrl(ISSUER_ID).toString())
                .jsonPath("$.oidc.clientId").isEqualTo("parley-console")
                .jsonPath("$.oidc.scopes").isEqualTo("openid email profile")
                .jsonPath("$.oidc.clientSecret").doesNotExist();
    }

    @Test
    void tokensOfAnotherIssuerOrSignedWithAnotherKeyAreRefused() throws Exception {
        refused(STRANGER.issueToken(ISSUER_ID, "someone", callback(claims(agent.email(), List.of("admin")), 3600)).serialize());
        // The configured issuer's name, but the stranger's signature.
        Map<String, Object> forged = new HashMap<>(claims(agent.email(), List.of("admin")));
        forged.put("sub", "someone");
        SignedJWT forgery = STRANGER.anyToken(PROVIDER.issuerUrl(ISSUER_ID), forged);
        RSAKey providerKey = JWKSet.load(PROVIDER.jwksUrl(ISSUER_ID).url()).getKeys().get(0)
                .toRSAKey();
        assertThat(forgery.verify(new RSASSAVerifier(providerKey))).as("the forger's key is another one").isFalse();
        refused(forgery.serialize());
    }

    @Test
    void anUnknownUnverifiedOrMissingEmailAndAnExpiredTokenAreRefused() {
        refused(token(claims("nobody@example.test", List.of("admin")), 3600));
        Map<String, Object> unverified = new HashMap<>(claims(agent.email(), List.of()));
        unverified.put("email_verified", false);
        refused(token(unverified, 3600));
        refused(token(Map.of("roles", List.of("admin")), 3600));
        refused(token(claims(agent.email(), List.of()), -300));
    }

    @Test
    void aProviderTokenSignsTheAgentInWithTheirStoredRoleWhenTheClaimGrantsNone() {
        String token = token(claims(agent.email(), List.of("offline_access")), 3600);
        me(token).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(agent.id())
                .jsonPath("$.accountId").isEqualTo(account.id())
                .jsonPath("$.role").isEqualTo("AGENT");
        http.get().uri("/api/v1/admin/audit-log").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isForbidden();
        StepVerifier.create(authentication.authenticate(token))
                .assertNext(principal -> {
                    assertThat(principal.sessionId()).startsWith("oidc:").doesNotContain(token);
                    assertThat(principal.email()).isEqualTo(agent.email());
                })
                .verifyComplete();
    }

    @Test
    void theHighestRoleInTheClaimOverridesTheStoredRoleWhateverItsCase() {
        String admin = token(claims(agent.email().toUpperCase(), List.of("agent", "Admin", "supervisor")), 3600);
        me(admin).expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("ADMIN");
        http.get().uri("/api/v1/admin/audit-log").header("Authorization", "Bearer " + admin).exchange().expectStatus().isOk();
        me(token(claims(agent.email(), List.of("SUPERVISOR", "agent")), 3600))
                .expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("SUPERVISOR");
        me(token(claims(agent.email(), "supervisor agent"), 3600))
                .expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("SUPERVISOR");
    }

    @Test
    void signingOutWithAProviderTokenEndsThatToken() {
        String token = token(claims(agent.email(), List.of()), 3600);
        http.post().uri("/api/v1/auth/logout").header("Authorization", "Bearer " + token).exchange().expectStatus().isNoContent();
        http.post().uri("/api/v1/auth/logout").header("Authorization", "Bearer " + token).exchange().expectStatus().isUnauthorized();
        refused(token);
        // A newer token of the provider is a session of its own.
        me(token(claims(agent.email(), List.of()), 3600)).expectStatus().isOk();
        assertThat(authentication.authenticate(token).blockOptional(WAIT)).isEmpty();
    }

    @Test
    void theIssuesSettingNameWorksAndAnAudienceWhenSetIsRequired() {
        try (ConfigurableApplicationContext node = Nodes.start(TestBackend.selected(),
                "parley.oidc-issuer-uri=" + PROVIDER.issuerUrl(ISSUER_ID), "parley.security.oidc-audience=parley-console")) {
            Agent colleague = SignedInAgents.agent(node, SignedInAgents.account(node).id(), Role.AGENT);
            AgentAuthentication onNode = node.getBean(AgentAuthentication.class);
            String forConsole = token(claims(colleague.email(), List.of()), 3600);
            String forOtherApp = PROVIDER.issueToken(ISSUER_ID, "console", new DefaultOAuth2TokenCallback(ISSUER_ID, "user",
                    "JWT", List.of("billing"), claims(colleague.email(), List.of()), 3600)).serialize();
            StepVerifier.create(onNode.authenticate(forConsole)).expectNextCount(1).verifyComplete();
            StepVerifier.create(onNode.authenticate(forOtherApp)).verifyComplete();
        }
    }

    private void refused(String token) {
        me(token).expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("invalid_token");
    }

    private WebTestClient.ResponseSpec me(String token) {
        return http.get().uri("/api/v1/me").header("Authorization", "Bearer " + token).exchange();
    }

    private static String token(Map<String, Object> claims, long expirySeconds) {
        return PROVIDER.issueToken(ISSUER_ID, "console", callback(claims, expirySeconds)).serialize();
    }

    private static DefaultOAuth2TokenCallback callback(Map<String, Object> claims, long expirySeconds) {
        return new DefaultOAuth2TokenCallback(ISSUER_ID, "user-" + System.nanoTime(), "JWT", List.of("parley-console"), claims, expirySeconds);
    }

    static Map<String, Object> claims(String email, Object roles) {
        return Map.of("email", email, "roles", roles);
    }

    /**
     * Every mock server hands out the same built-in keys in the same order of first use; using one
     * for another issuer first gives this server's {@link #ISSUER_ID} a key of its own.
     */
    static MockOAuth2Server strangerWithOtherKeys() {
        MockOAuth2Server server = started();
        server.issueToken("warm-up");
        return server;
    }

    static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }
}
