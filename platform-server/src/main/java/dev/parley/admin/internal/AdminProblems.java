package dev.parley.admin.internal;

import dev.parley.routing.RoutingException;
import dev.parley.shared.ApiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem responses for the admin API: unreadable input names its field, routing refusals keep their
 * code. Ordered first, ahead of Spring Boot's generic problem handler, which would drop the code.
 */
@RestControllerAdvice(basePackageClasses = AdminProblems.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class AdminProblems extends ApiProblems.InputAdvice {

    @ExceptionHandler
    ErrorResponseException routing(RoutingException e) {
        return switch (e.code()) {
            case "not_found" -> ApiProblems.of(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
            case "invalid_settings" -> ApiProblems.of(HttpStatus.BAD_REQUEST, "invalid_settings", e.getMessage());
            default -> ApiProblems.conflict(e.code(), e.getMessage());
        };
    }
}
