package dev.parley.agentgateway.internal;

import dev.parley.conversation.ConversationException;
import dev.parley.storage.DatabaseOutages;
import io.rsocket.exceptions.ApplicationErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;
import reactor.core.publisher.Mono;

/**
 * Turns every failure of a console request into an RSocket application error whose message is
 * JSON {@code {"code": …, "message": …}}: a code the console can act on, never a stack trace.
 */
@ControllerAdvice(basePackageClasses = GatewayErrors.class)
class GatewayErrors {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    /** The request's payload, or a part of it, could not be read as the route's type. */
    @MessageExceptionHandler({DecodingException.class, MethodArgumentResolutionException.class, IllegalArgumentException.class})
    Mono<Void> invalid(Exception e) {
        return Mono.error(unreadable());
    }

    /**
     * Everything else, by {@link #inReply}. Spring matches an advice by the exception's own type
     * before its cause, so this one handler sees every other failure as it was raised.
     */
    @MessageExceptionHandler
    Mono<Void> failed(Exception e) {
        return Mono.error(inReply(e));
    }

    static Throwable unreadable() {
        return frame("invalid_request", "The request could not be read");
    }

    /** The error frame for a failed request-response, whether or not its handler had returned. */
    static Throwable inReply(Throwable failure) {
        return map(failure, REQUEST);
    }

    /**
     * The error frame for a failure inside a stream that has already started: the advice above
     * sees only failures raised before a handler returns its publisher.
     */
    static Throwable inStream(Throwable failure) {
        return map(failure, STREAM);
    }

    private record Kind(String logged, String retry) {
    }

    private static final Kind REQUEST = new Kind("An agent request failed", "The service is briefly unavailable; try again");

    private static final Kind STREAM = new Kind("An agent stream ended", "The service is briefly unavailable; reconnect and resume");

    private static Throwable map(Throwable failure, Kind kind) {
        if (failure instanceof GatewayException e) {
            return frame(e.code(), e.getMessage());
        }
        if (failure instanceof ApplicationErrorException) {
            return failure;
        }
        if (failure instanceof ConversationException e) {
            return frame(code(e), e.getMessage());
        }
        if (failure instanceof dev.parley.routing.RoutingException e) {
            return frame(e.code(), e.getMessage());
        }
        if (failure instanceof dev.parley.canned.CannedException e) {
            return frame(e.code(), e.getMessage());
        }
        if (DatabaseOutages.isOutage(failure)) {
            // A failover, a network cut, an exhausted pool: nothing was changed, and the same
            // request may be sent again. Expected, so one line in the log, not a stack trace each.
            log.warn("{} while the database was unreachable: {}", kind.logged(), failure.toString());
            return frame("retry_later", kind.retry());
        }
        log.error(kind.logged() + " unexpectedly", failure);
        return frame("internal_error", "Something went wrong on the server");
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

    private static ApplicationErrorException frame(String code, String message) {
        return new ApplicationErrorException("{\"code\":\"" + code + "\",\"message\":\"" + escape(message) + "\"}");
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
