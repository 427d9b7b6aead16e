package dev.parley.mail;

/**
 * One mail to one recipient.
 *
 * @param text the plain-text body, always sent
 * @param html an HTML alternative, or null; whatever it shows of user input must already be escaped
 */
public record OutgoingMail(String to, String subject, String text, String html) {

    @Override
    public String toString() {
        // Bodies may hold a whole conversation; never print them.
        return "OutgoingMail[subject=" + subject + "]";
    }
}
