package dev.parley.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin ({@code parley.admin.*}, or {@code PARLEY_ADMIN_EMAIL} and
 * {@code PARLEY_ADMIN_PASSWORD}). Read only on the very first start, when the database is empty.
 *
 * @param email the admin's sign-in email; empty uses {@value #DEFAULT_EMAIL}
 * @param password the admin's password; empty generates a random one and logs it once
 */
@ConfigurationProperties("parley.admin")
public record AdminProperties(String email, String password) {

    /** A local address: a first run should not suggest any real mailbox. */
    static final String DEFAULT_EMAIL = "admin@parley.local";

    String emailOrDefault() {
        return email == null || email.isBlank() ? DEFAULT_EMAIL : email.trim();
    }

    @Override
    public String toString() {
        return "AdminProperties[email=" + email + ", password=" + (password == null ? "unset" : "set") + "]";
    }
}
