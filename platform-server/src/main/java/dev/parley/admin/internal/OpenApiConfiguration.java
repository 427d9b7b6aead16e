package dev.parley.admin.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What {@code /v3/api-docs} says about the API as a whole; springdoc describes the routes from the controllers. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI parleyOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Parley REST API")
                        .description("Agents' and admins' REST API. Errors are RFC 9457 problem+json with a code; see docs/admin-api.md.")
                        .version("v1")
                        .license(new License().name("Open source")))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An agent's access token from POST /api/v1/auth/login or the OIDC provider")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
