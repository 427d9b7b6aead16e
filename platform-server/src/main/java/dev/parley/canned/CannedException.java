package dev.parley.canned;

/**
 * A refused change or look-up of canned responses. No stack trace: it is an answer, not a bug.
 *
 * <p>{@link #code()} is {@code invalid_request} (a field out of range; the message names it),
 * {@code not_found} (no such response in the caller's reach: another agent's personal response and
 * another account's answer alike), {@code forbidden} (only admins edit shared responses),
 * {@code shortcut_taken} (the scope already has that shortcut) or {@code limit_reached} (the scope
 * holds {@link CannedProperties#maxPerScope()} responses).
 */
public class CannedException extends RuntimeException {

    private final String code;

    public CannedException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
