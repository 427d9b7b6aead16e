package dev.parley.visitor;

/** An identification the site's rules refuse. Carries no stack trace: it is an answer, not a bug. */
public class IdentityRejectedException extends RuntimeException {

    private final String code;

    public IdentityRejectedException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** {@code identity_invalid} (bad fields), {@code identity_required} (no hash where one is required) or {@code identity_rejected} (wrong hash). */
    public String code() {
        return code;
    }
}
