package dev.parley.webhook;

/**
 * A webhook request refused by the rules: {@code field} names what was refused, {@code code} is
 * {@code invalid_field} or {@code limit_reached}.
 */
public class WebhookException extends RuntimeException {

    private final String code;
    private final String field;

    public WebhookException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
