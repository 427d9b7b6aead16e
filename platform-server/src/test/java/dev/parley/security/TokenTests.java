package dev.parley.security;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.agent.Agent;
import dev.parley.agent.Role;
import dev.parley.shared.Ids;
import dev.parley.site.Account;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static dev.parley.security.SignedInAgents.WAIT;
import static dev.parley.security.SignedInAgents.access;
import static dev.parley.security.SignedInAgents.login;
import static org.assertj.core.api.Assertions.assertThat;

/** Access tokens on REST routes: every way a token can be wrong is a 401 problem, and a right one works. */
@ParleyIntegrationTest
class TokenTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient http;
    Agent agent;

    @BeforeEach
    void setUp() {
        http = SignedInAgents.http(port);
        Account account = SignedInAgents.account(context);
        agent = SignedInAgents.agent(context, account.id(), Role.AGENT);
    }

    @Test
    void aProtectedRouteWithoutATokenIsAProblem() {
        http.get().uri("/api/v1/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody()
                .jsonPath("$.code").isEqualTo("unauthenticated")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo("/api/v1/me");
        http.post().uri("/api/v1/auth/logout").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void malformedForgedAndExpiredTokensAreRefusedAlike() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet valid = claims(now, now.plusSeconds(600));
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(realKey().getKeyID()).generate();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), valid);
        hmac.sign(new MACSigner(Base64.getDecoder().decode("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0NTY3OA==")));
        String[] refused = {
            "not-a-jwt",
            "a.b.c",
            new PlainJWT(valid).serialize(),
            hmac.serialize(),
            sign(stranger, valid),
            // Signed with the installation's real key, but expired two minutes ago.
            sign(realKey(), claims(now.minusSeconds(1000), now.minusSeconds(120))),
            // Real key, but naming another issuer.
            sign(realKey(), new JWTClaimsSet.Builder(valid).issuer("https://evil.example").build()),
        };
        Set<String> bodies = new HashSet<>();
        for (String token : refused) {
            http.get().uri("/api/v1/me").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .expectBody(String.class).value(body -> assertThat(body)
                            .contains("\"code\":\"invalid_token\"")
                            .doesNotContain("Exception", "at dev.parley", "signature", "Jwt"))
                    .value(bodies::add);
        }
        assertThat(bodies).as("no refusal tells what was wrong with the token").hasSize(1);
        // The same claims signed with the real key and still valid are accepted: the refusals above are for what they
        // changed. The role claim says ADMIN, but requests run with the role stored for the agent.
        http.get().uri("/api/v1/me").header("Authorization", "Bearer " + sign(realKey(), validForLiveSession(now)))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("AGENT");
    }

    @Test
    void aSignedInAgentSeesTheirProfileAndTheTokenCarriesTheDocumentedClaims() throws Exception {
        JsonNode tokens = login(http, agent.email());
        assertThat(tokens.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("expiresIn").asLong()).isEqualTo(900);
        assertThat(SignedInAgents.refresh(tokens)).matches("[A-Za-z0-9_-]{43}");
        assertThat(tokens.path("agent").path("id").asString()).isEqualTo(agent.id());
        assertThat(tokens.path("agent").path("role").asString()).isEqualTo("AGENT");

        SignedJWT jwt = SignedJWT.parse(access(tokens));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(realKey().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("parley");
        assertThat(claims.getSubject()).isEqualTo(agent.id());
        assertThat(claims.getStringClaim("acct")).isEqualTo(agent.accountId());
        assertThat(claims.getStringClaim("role")).isEqualTo("AGENT");
        assertThat(Ids.isWellFormed(claims.getStringClaim("sid"))).isTrue();
        assertThat(Ids.isWellFormed(claims.getJWTID())).isTrue();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000);

        http.get().uri("/api/v1/me").header("Authorization", "Bearer " + access(tokens)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(agent.id())
                .jsonPath("$.accountId").isEqualTo(agent.accountId())
                .jsonPath("$.email").isEqualTo(agent.email())
                .jsonPath("$.displayName").isEqualTo("Test AGENT")
                .jsonPath("$.role").isEqualTo("AGENT");
    }

    @Test
    void theJwkSetIsPublicHoldsNoPrivatePartAndVerifiesIssuedTokens() throws Exception {
        String body = http.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JWKSet set = JWKSet.parse(body);
        assertThat(set.getKeys()).hasSize(1);
        ECKey key = set.getKeys().get(0).toECKey();
        assertThat(key.isPrivate()).isFalse();
        assertThat(body).doesNotContain("\"d\"");
        assertThat(key.getCurve()).isEqualTo(Curve.P_256);
        SignedJWT jwt = SignedJWT.parse(access(login(http, agent.email())));
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
    }

    @Test
    void aDeactivatedAgentsTokensStopWorking() {
        String token = access(login(http, agent.email()));
        context.getBean(DatabaseClient.class).sql("UPDATE agents SET deactivated_at = CURRENT_TIMESTAMP WHERE id = :id")
                .bind("id", agent.id()).then().block(WAIT);
        http.get().uri("/api/v1/me").header("Authorization", "Bearer " + token).exchange().expectStatus().isUnauthorized();
    }

    /** Valid claims for {@link #agent} in a session that exists: one really signed in. */
    private JWTClaimsSet validForLiveSession(Instant now) throws Exception {
        String sid = SignedJWT.parse(access(login(http, agent.email()))).getJWTClaimsSet().getStringClaim("sid");
        return new JWTClaimsSet.Builder(claims(now, now.plusSeconds(600))).claim("sid", sid).build();
    }

    private JWTClaimsSet claims(Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder().issuer("parley").subject(agent.id()).claim("acct", agent.accountId()).claim("role", "ADMIN")
                .claim("sid", Ids.next()).issueTime(Date.from(issued)).expirationTime(Date.from(expires)).jwtID(Ids.next()).build();
    }

    private ECKey realKey() throws Exception {
        String jwk = context.getBean(DatabaseClient.class).sql("SELECT jwk FROM signing_keys")
                .map(row -> row.get("jwk", String.class)).one().block(WAIT);
        return ECKey.parse(jwk);
    }

    static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
