package dev.parley.security.internal;

import java.net.URI;
import java.util.Map;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * RFC 9457 problem responses with a machine-readable {@code code}, from controllers and from the
 * security chain alike. The chain runs before any controller, so it writes its 401 and 403 through
 * the same JSON encoder the controllers' problems go through, and both look the same.
 */
@Component
class Problems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final ServerCodecConfigurer codecs;

    Problems(ServerCodecConfigurer codecs) {
        this.codecs = codecs;
    }

    static ErrorResponseException problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return new ErrorResponseException(status, problem, null);
    }

    /**
     * No credentials, or credentials that were refused. The detail never says which check failed:
     * expired, revoked and forged tokens read the same.
     */
    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        // Invalid tokens, and malformed Authorization headers, are OAuth2 failures; a missing token is not.
        boolean presented = failure instanceof OAuth2AuthenticationException;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, presented ? "Bearer error=\"invalid_token\"" : "Bearer");
        return presented
                ? write(exchange, HttpStatus.UNAUTHORIZED, "invalid_token", "The access token is invalid, expired or revoked")
                : write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in to use this");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this");
    }

    @SuppressWarnings("unchecked")
    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        ProblemDetail problem = problem(status, code, detail).getBody();
        // As the controllers' problems have it: the path, without the query.
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        HttpMessageWriter<ProblemDetail> writer = (HttpMessageWriter<ProblemDetail>) codecs.getWriters().stream()
                .filter(candidate -> candidate.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No JSON encoder for problem details"));
        return writer.write(Mono.just(problem), PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, response, Map.of());
    }
}
