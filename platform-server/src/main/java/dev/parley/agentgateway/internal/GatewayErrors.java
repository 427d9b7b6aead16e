package dev.parley.agentgateway.internal;

import dev.parley.conversation.ConversationException;
import dev.parley.storage.DatabaseOutages;
import io.rsocket.exceptions.ApplicationErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import reactor.core.publisher.Mono;

/**
 * Turns every failure of a console request into an RSocket application error whose message is
 * JSON {@code {"code": …, "message": …}}: a code the console can act on, never a stack trace.
 */
@ControllerAdvice(basePackageClasses = GatewayErrors.class)
class GatewayErrors {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    @MessageExceptionHandler
    Mono<Void> gateway(GatewayException e) {
        return error(e.code(), e.getMessage());
    }

    @MessageExceptionHandler
    Mono<Void> conversation(ConversationException e) {
        return error(code(e), e.getMessage());
    }

    private static String code(ConversationException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> "not_found";
            case CLOSED -> "conversation_closed";
            case CONFLICT -> "conflict";
            case NOT_CLOSED -> "conversation_open";
            case OVERLOADED, UNAVAILABLE -> "retry_later";
        };
    }

    @MessageExceptionHandler
    Mono<Void> routing(dev.parley.routing.RoutingException e) {
        return error(e.code(), e.getMessage());
    }

    @MessageExceptionHandler
    Mono<Void> canned(dev.parley.canned.CannedException e) {
        return error(e.code(), e.getMessage());
    }

    @MessageExceptionHandler({DecodingException.class, MethodArgumentResolutionException.class, IllegalArgumentException.class})
    Mono<Void> invalid(Exception e) {
        return error("invalid_request", "The request could not be read");
    }

    /**
     * The database is briefly out of reach (a failover, a network cut, an exhausted pool): nothing
     * was changed, and the same request may simply be sent again. An expected outage, so one line
     * in the log, not a stack trace per request.
     */
    @MessageExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    Mono<Void> unavailable(Exception e) {
        log.warn("An agent request failed while the database was unreachable: {}", e.toString());
        return error("retry_later", "The service is briefly unavailable; try again");
    }

    @MessageExceptionHandler
    Mono<Void> unexpected(Exception e) {
        if (DatabaseOutages.isOutage(e)) {
            return unavailable(e);
        }
        log.error("An agent request failed unexpectedly", e);
        return error("internal_error", "Something went wrong on the server");
    }

    private static Mono<Void> error(String code, String message) {
        return Mono.error(frame(code, message));
    }

    /**
     * The error frame for a failure inside a stream that has already started: the advice above
     * sees only failures raised before a handler returns its publisher.
     */
    static Throwable inStream(Throwable failure) {
        if (failure instanceof GatewayException e) {
            return frame(e.code(), e.getMessage());
        }
        if (failure instanceof ApplicationErrorException) {
            return failure;
        }
        if (failure instanceof ConversationException e) {
            return frame(code(e), e.getMessage());
        }
        if (DatabaseOutages.isOutage(failure)) {
            log.warn("An agent stream ended while the database was unreachable: {}", failure.toString());
            return frame("retry_later", "The service is briefly unavailable; reconnect and resume");
        }
        log.error("An agent stream failed unexpectedly", failure);
        return frame("internal_error", "Something went wrong on the server");
    }

    private static ApplicationErrorException frame(String code, String message) {
        return new ApplicationErrorException("{\"code\":\"" + code + "\",\"message\":\"" + escape(message) + "\"}");
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
