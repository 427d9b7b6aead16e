package dev.parley.agentgateway.internal;

/**
 * A refused request, answered to the console as an RSocket application error whose message is
 * {@code {"code": …, "message": …}}. No stack trace: it is an answer, not a bug.
 */
final class GatewayException extends RuntimeException {

    private final String code;

    GatewayException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The same answer whether the thing does not exist or belongs to someone the caller may not see. */
    static GatewayException notFound(String what) {
        return new GatewayException("not_found", "No such " + what);
    }

    static GatewayException invalid(String message) {
        return new GatewayException("invalid_request", message);
    }

    String code() {
        return code;
    }
}
