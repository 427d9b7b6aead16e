package dev.parley.transcript.internal;

import dev.parley.shared.ApiProblems;
import dev.parley.transcript.TranscriptException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem responses for transcripts and exports; first, ahead of Spring Boot's handler, which would drop the code. */
@RestControllerAdvice(basePackageClasses = TranscriptProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TranscriptProblems extends ApiProblems.InputAdvice {

    @ExceptionHandler
    ErrorResponseException refused(TranscriptException e) {
        HttpStatus status = switch (e.code()) {
            case "invalid_email" -> HttpStatus.BAD_REQUEST;
            case "rate_limited" -> HttpStatus.TOO_MANY_REQUESTS;
            case "mail_unavailable" -> HttpStatus.CONFLICT;
            case "mail_busy" -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_GATEWAY;
        };
        ErrorResponseException problem = ApiProblems.of(status, e.code(), e.getMessage());
        if (e.code().equals("invalid_email")) {
            problem.getBody().setProperty("field", "to");
        }
        return problem;
    }
}
