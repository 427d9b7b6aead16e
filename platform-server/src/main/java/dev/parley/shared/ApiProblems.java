package dev.parley.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;

/**
 * RFC 9457 problem responses with a machine-readable {@code code}, for REST controllers. A refusal
 * about the request's content names the field it concerns: {@code field} for the first one, and
 * {@code errors} with every {@code {field, message}}.
 */
public final class ApiProblems {

    private ApiProblems() {
    }

    /** One refused field of a request. */
    public record FieldError(String field, String message) {
    }

    public static ErrorResponseException of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return new ErrorResponseException(status, problem, null);
    }

    /** 404 {@code not_found}: also what something of another account answers, so the two cannot be told apart. */
    public static ErrorResponseException notFound(String what) {
        return of(HttpStatus.NOT_FOUND, "not_found", "No such " + what);
    }

    /** 400 {@code invalid_field} naming one field. */
    public static ErrorResponseException invalidField(String field, String message) {
        return invalidFields(List.of(new FieldError(field, message)));
    }

    /** 400 {@code invalid_field} naming every refused field; the detail is the first one's message. */
    public static ErrorResponseException invalidFields(List<FieldError> errors) {
        FieldError first = errors.get(0);
        ErrorResponseException e = of(HttpStatus.BAD_REQUEST, "invalid_field", first.message());
        e.getBody().setProperty("field", first.field());
        e.getBody().setProperty("errors", List.copyOf(errors));
        return e;
    }

    /** 409 with {@code code}: the request is valid but the current state refuses it. */
    public static ErrorResponseException conflict(String code, String detail) {
        return of(HttpStatus.CONFLICT, code, detail);
    }

    /**
     * Turns a body or parameter that could not be read into a problem that names the field when
     * the JSON parser knows it. A module's REST package declares a subclass as
     * {@code @RestControllerAdvice(basePackageClasses = …)}, so it applies to that module only, and
     * {@code @Order(Ordered.HIGHEST_PRECEDENCE)}, so it runs before Spring Boot's generic problem
     * handler, which answers without a {@code code}.
     */
    public abstract static class InputAdvice {

        @ExceptionHandler
        public ErrorResponseException unreadable(ServerWebInputException e) {
            String field = fieldOf(e);
            if (field != null) {
                return invalidField(field, field + " has the wrong type or format");
            }
            if (e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null
                    && !e.getMethodParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)) {
                String parameter = e.getMethodParameter().getParameterName();
                return invalidField(parameter, parameter + " is missing or malformed");
            }
            return of(HttpStatus.BAD_REQUEST, "invalid_request", "The request body is not valid JSON of the expected shape");
        }

        private static String fieldOf(Throwable e) {
            // Only a value of the wrong type names a field; broken JSON (a syntax error) names none.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof tools.jackson.databind.DatabindException json && !json.getPath().isEmpty()) {
                    List<String> parts = new ArrayList<>();
                    for (JacksonException.Reference reference : json.getPath()) {
                        parts.add(reference.getPropertyName() != null ? reference.getPropertyName() : "[" + reference.getIndex() + "]");
                    }
                    return String.join(".", parts).replace(".[", "[");
                }
            }
            return null;
        }
    }

    /** Details for an audit entry: every value as text, nulls written as {@code none}. */
    public static Map<String, String> auditDetails(Object... pairs) {
        Map<String, String> details = new java.util.TreeMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            details.put(String.valueOf(pairs[i]), pairs[i + 1] == null ? "none" : String.valueOf(pairs[i + 1]));
        }
        return details;
    }
}
