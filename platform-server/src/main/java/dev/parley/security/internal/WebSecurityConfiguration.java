package dev.parley.security.internal;

import java.util.List;

import dev.parley.security.AgentAuthentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * The HTTP security chain. Public: the widget, the console's static files, health probes and
 * metrics, sign-in and refresh, the token-signing public keys, and the RSocket endpoint (which
 * authenticates its own connections). Everything else needs an agent's bearer token, checked by
 * {@link AgentAuthentication}; {@code /api/v1/admin/**} needs an admin.
 *
 * <p>No session cookies are issued: browsers authenticate with bearer tokens, which is what makes
 * CSRF protection unnecessary here. Refusals are problem+json: 401 without or with a refused token,
 * 403 for a role that may not.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class WebSecurityConfiguration {

    /** The visitors' socket (the visitor gateway's path; security may not depend on that module). */
    static final String VISITOR_SOCKET = "/ws/visitor";

    /** Requests that need no agent; their Authorization header is left to whoever handles them. */
    static final ServerWebExchangeMatcher OPEN = ServerWebExchangeMatchers.matchers(
            ServerWebExchangeMatchers.pathMatchers("/widget.js", "/console", "/console/**"),
            // The widget authenticates with its own visitor token, checked by the gateway.
            ServerWebExchangeMatchers.pathMatchers("/api/v1/widget/**"),
            ServerWebExchangeMatchers.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/refresh",
                    "/api/v1/auth/invitations/accept"),
            // How to sign in: asked by the console's sign-in page, before anyone is signed in.
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/api/v1/auth/config"),
            // The API's description and its viewer: no data, and what the routes are is public in the docs anyway.
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                    "/swagger-ui/**", "/webjars/swagger-ui/**"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, JwksApi.PATH),
            // The agent gateway checks the token in each connection's setup frame itself.
            ServerWebExchangeMatchers.pathMatchers("/rsocket"));

    /**
     * No observation around the filter chain: on a socket's upgrade request it would last as long
     * as the socket, holding its contexts for hours per idle visitor, and time nothing useful.
     * Authentications and authorizations are still observed; they end when decided.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, AgentAuthentication agents, Problems problems) {
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        return http
                // A visitor's socket authenticates with its own hello frame and checks its Origin in
                // the handshake filter. Outside the chain, its upgrade request does not keep a dozen
                // security filters' operators alive for the socket's whole life (memory per idle visitor).
                .securityMatcher(new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(VISITOR_SOCKET)))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .cors(cors -> cors.configurationSource(widgetCors()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .headers(headers -> headers
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .authorizeExchange(exchange -> exchange
                        .matchers(OPEN).permitAll()
                        .pathMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        // Only requests that need an agent have their Authorization header read: the widget's
                        // API sends visitor tokens in it, and sign-in must work even with a stale token sent.
                        .bearerTokenConverter(exchange -> OPEN.matches(exchange)
                                .flatMap(match -> match.isMatch() ? Mono.empty() : bearer.convert(exchange)))
                        .authenticationManagerResolver(exchange -> Mono.just(agents.authenticationManager()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    /**
     * The widget calls from customers' pages, so its API answers cross-origin requests. Any origin
     * may ask; the API itself refuses origins the site does not allow, and no credentials are
     * ever sent or accepted in a cookie.
     */
    private static CorsConfigurationSource widgetCors() {
        CorsConfiguration widget = new CorsConfiguration();
        widget.addAllowedOriginPattern("*");
        widget.setAllowedMethods(List.of("GET", "POST"));
        widget.setAllowedHeaders(List.of("Content-Type", "Authorization"));
        widget.setAllowCredentials(false);
        // Ten minutes of cached preflights: one per visitor per page view at most.
        widget.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v1/widget/**", widget);
        return source;
    }
}
