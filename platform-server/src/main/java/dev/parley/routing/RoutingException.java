package dev.parley.routing;

/** A refused routing request, with a reason a client can show. No stack trace: it is an answer. */
public class RoutingException extends RuntimeException {

    private final String code;

    public RoutingException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /**
     * {@code not_found}, {@code agent_unavailable}, {@code agent_at_capacity}, {@code not_queued}
     * or {@code invalid_settings}.
     */
    public String code() {
        return code;
    }
}
