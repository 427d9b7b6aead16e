package dev.parley.security.internal;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The HTTP security chain. Public: the widget, the console's static files, health probes and
 * metrics. Everything else needs an authenticated caller.
 *
 * <p>No session cookies are issued: browsers authenticate with bearer tokens, which is what makes
 * CSRF protection unnecessary here.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class WebSecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .cors(cors -> cors.configurationSource(widgetCors()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .headers(headers -> headers
                        .frameOptions(frame -> frame.mode(
                                org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/widget.js", "/console", "/console/**").permitAll()
                        // The widget authenticates with its own visitor token, checked by the gateway.
                        .pathMatchers("/api/v1/widget/**", "/ws/visitor").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .anyExchange().authenticated())
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
