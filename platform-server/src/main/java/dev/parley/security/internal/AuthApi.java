package dev.parley.security.internal;

import dev.parley.agent.Agent;
import dev.parley.agent.Agents;
import dev.parley.security.AgentPrincipal;
import dev.parley.security.AgentSessions;
import dev.parley.security.SecurityProperties;
import dev.parley.shared.ClientAddress;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sign-in, refresh and sign-out. The only endpoints that ever return a token; their responses
 * must not be cached. A wrong email and a wrong password get the very same answer.
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthApi {

    /** The schema's column size; longer is not an email of any agent. */
    private static final int MAX_EMAIL_LENGTH = 320;

    /** Generous for passphrases, small enough that hashing an attacker's input stays cheap. */
    private static final int MAX_PASSWORD_LENGTH = 1024;

    private final Agents agents;
    private final SignIn signIn;
    private final LoginThrottle throttle;
    private final AgentSessions sessions;
    private final SecurityProperties properties;
    private final OidcTokens oidcTokens;
    private final Environment environment;

    /** Spring maps {@code PARLEY_OIDC_CLIENT_ID} to it, beside {@code PARLEY_OIDC_ISSUER_URI}. */
    static final String CLIENT_ID_ALIAS = "parley.oidc-client-id";

    AuthApi(Agents agents, SignIn signIn, LoginThrottle throttle, AgentSessions sessions, SecurityProperties properties,
            OidcTokens oidcTokens, Environment environment) {
        this.properties = properties;
        this.oidcTokens = oidcTokens;
        this.environment = environment;
        this.agents = agents;
        this.signIn = signIn;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    record LoginRequest(String email, String password) {

        @Override
        public String toString() {
            return "LoginRequest[email=" + email + "]";
        }
    }

    record RefreshRequest(String refreshToken) {

        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    record AcceptInvitation(String token, String password) {

        @Override
        public String toString() {
            return "AcceptInvitation[]";
        }
    }

    /** Shortest password an invited agent may choose; NIST SP 800-63B's floor is 8. */
    private static final int MIN_PASSWORD_LENGTH = 10;

    /**
     * An invited agent chooses their password with the token from their invitation mail, once. They
     * then sign in as usual. Any token that is not an unused, unexpired invitation gets the same answer.
     */
    @PostMapping("/invitations/accept")
    Mono<ResponseEntity<Void>> acceptInvitation(@RequestBody AcceptInvitation request) {
        if (request == null || request.password() == null || request.password().length() < MIN_PASSWORD_LENGTH
                || request.password().length() > MAX_PASSWORD_LENGTH) {
            ErrorResponseException e = Problems.problem(HttpStatus.BAD_REQUEST, "invalid_field",
                    "password must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters");
            e.getBody().setProperty("field", "password");
            return Mono.error(e);
        }
        return agents.acceptInvitation(request.token(), request.password())
                .switchIfEmpty(Mono.error(() -> Problems.problem(HttpStatus.BAD_REQUEST, "invalid_invitation",
                        "The invitation is invalid, used or expired; ask an admin for a new one")))
                .thenReturn(ResponseEntity.noContent().build());
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, AgentView agent) {

        @Override
        public String toString() {
            return "TokenResponse[agent=" + agent.id() + ", expiresIn=" + expiresIn + "]";
        }
    }

    /** The provider the console may send agents to; absent when none is configured for it. */
    record OidcConfig(String issuer, String clientId, String scopes) {
    }

    /** How agents sign in here: always with a password, and through the OIDC provider when one is set up for the console. */
    record SignInConfig(boolean password, OidcConfig oidc) {
    }

    /** Public: the sign-in page asks before anyone is signed in. Names no secret: the console is a public client. */
    @GetMapping("/config")
    Mono<ResponseEntity<SignInConfig>> config() {
        String clientId = properties.oidcClientId() != null && !properties.oidcClientId().isBlank() ? properties.oidcClientId()
                : environment.getProperty(CLIENT_ID_ALIAS);
        OidcConfig oidc = oidcTokens.issuer() != null && clientId != null && !clientId.isBlank()
                ? new OidcConfig(oidcTokens.issuer(), clientId.strip(), properties.oidcScopes())
                : null;
        return Mono.just(ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(new SignInConfig(true, oidc)));
    }

    @PostMapping("/login")
    Mono<ResponseEntity<TokenResponse>> login(@RequestBody LoginRequest request, ServerWebExchange exchange) {
        if (request == null || blank(request.email()) || blank(request.password()) || request.email().length() > MAX_EMAIL_LENGTH
                || request.password().length() > MAX_PASSWORD_LENGTH) {
            return Mono.error(Problems.problem(HttpStatus.BAD_REQUEST, "invalid_request", "email and password are required"));
        }
        return throttle.begin(request.email(), ClientAddress.of(exchange))
                .flatMap(attempt -> agents.authenticate(request.email(), request.password())
                        .flatMap(agent -> attempt.succeeded().then(signIn.start(agent)))
                        .switchIfEmpty(Mono.error(() -> Problems.problem(HttpStatus.UNAUTHORIZED, "invalid_credentials",
                                "The email or password is wrong"))))
                .map(AuthApi::tokens);
    }

    @PostMapping("/refresh")
    Mono<ResponseEntity<TokenResponse>> refresh(@RequestBody RefreshRequest request) {
        return signIn.refresh(request == null ? null : request.refreshToken())
                .switchIfEmpty(Mono.error(() -> Problems.problem(HttpStatus.UNAUTHORIZED, "invalid_token",
                        "The refresh token is invalid, expired or revoked")))
                .map(AuthApi::tokens);
    }

    /** Ends the caller's session: its access and refresh tokens stop working on every node. */
    @PostMapping("/logout")
    Mono<ResponseEntity<Void>> logout(@AuthenticationPrincipal AgentPrincipal principal) {
        return sessions.signOut(principal).thenReturn(ResponseEntity.noContent().build());
    }

    private static ResponseEntity<TokenResponse> tokens(IssuedTokens issued) {
        Agent agent = issued.agent();
        TokenResponse body = new TokenResponse(issued.accessToken(), "Bearer", issued.expiresIn(), issued.refreshToken(),
                new AgentView(agent.id(), agent.accountId(), agent.email(), agent.displayName(), agent.role()));
        // RFC 6749 5.1: token responses are never stored by a browser or proxy.
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache").body(body);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
