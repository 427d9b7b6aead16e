package dev.parley.mail;

/**
 * A mail was not sent. {@link #code()} says why: {@code mail_unavailable} (no SMTP server is
 * configured), {@code mail_busy} (too many waiting; retry later), {@code mail_failed} (the server
 * refused it or could not be reached). No stack trace: it is an answer.
 */
public class MailException extends RuntimeException {

    private final String code;

    public MailException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
