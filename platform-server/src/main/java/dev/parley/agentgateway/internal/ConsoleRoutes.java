package dev.parley.agentgateway.internal;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes {

    private static final Resource INDEX = new ClassPathResource("static/console/index.html");

    @Bean
    RouterFunction<ServerResponse> consolePages() {
        return RouterFunctions.route()
                .GET("/console", request -> ServerResponse.permanentRedirect(URI.create("/console/")).build())
                .GET("/console/**", RequestPredicates.path("/console/assets/**").negate(), request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        // The page names the current hashed assets, so it must be revalidated on every load.
                        .cacheControl(CacheControl.noCache())
                        .bodyValue(INDEX))
                .build();
    }
}
