package dev.parley.agentgateway.internal;

import java.net.URI;

import dev.parley.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the console as a single-page application: {@code /console/} and every client-side route
 * below it answer with its {@code index.html}; its hashed assets are served as static files.
 *
 * <p>The page is served with a strict Content-Security-Policy: its own scripts and styles only, no
 * inline code, connections to Parley (and, for sign-in, the OIDC provider) only, never framed. Should
 * a visitor's text ever reach the page as markup, the browser still runs none of it.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes {

    private static final Resource INDEX = new ClassPathResource("static/console/index.html");

    @Bean
    RouterFunction<ServerResponse> consolePages(SecurityProperties security, Environment environment) {
        String policy = policy(providerOrigin(security, environment));
        return RouterFunctions.route()
                .GET("/console", request -> ServerResponse.permanentRedirect(URI.create("/console/")).build())
                .GET("/console/**", RequestPredicates.path("/console/assets/**").negate(), request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        // The page names the current hashed assets, so it must be revalidated on every load.
                        .cacheControl(CacheControl.noCache())
                        .header("Content-Security-Policy", policy)
                        .bodyValue(INDEX))
                .build();
    }

    /** 'self' covers the page's own origin for fetch and, in CSP 3, its ws:/wss: twin for /rsocket. */
    static String policy(String providerOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
                + " connect-src 'self'" + (providerOrigin == null ? "" : " " + providerOrigin) + ";"
                + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
    }

    /** The OIDC provider's origin, which the sign-in page asks for its discovery document and tokens; null without one. */
    private static String providerOrigin(SecurityProperties security, Environment environment) {
        String issuer = security.oidcIssuerUri() != null && !security.oidcIssuerUri().isBlank() ? security.oidcIssuerUri()
                : environment.getProperty("parley.oidc-issuer-uri");
        if (issuer == null || issuer.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(issuer.strip());
            return uri.getScheme() + "://" + uri.getRawAuthority();
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }
}
