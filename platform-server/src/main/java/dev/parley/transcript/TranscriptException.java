package dev.parley.transcript;

/**
 * A transcript mail that was refused. {@link #code()}: {@code mail_unavailable}, {@code invalid_email},
 * {@code rate_limited}, {@code mail_busy} or {@code mail_failed}. No stack trace: it is an answer.
 */
public class TranscriptException extends RuntimeException {

    private final String code;

    public TranscriptException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether asking again later may work. */
    public boolean retryable() {
        return code.equals("mail_busy") || code.equals("mail_failed") || code.equals("rate_limited");
    }
}
