package dev.parley.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing mail ({@code parley.mail.*}); the SMTP server itself is Spring Boot's {@code spring.mail.*}
 * ({@code host}, {@code port}, {@code username}, {@code password}, {@code properties.*}).
 *
 * @param from the sender of every mail, such as {@code Support <support@example.com>}
 * @param maxConcurrentSends SMTP conversations open at once per node
 * @param maxQueuedSends mails waiting for a free sender before further ones are refused as busy
 */
@ConfigurationProperties("parley.mail")
public record MailProperties(
        @DefaultValue(DEFAULT_FROM) String from,
        @DefaultValue("" + DEFAULT_MAX_CONCURRENT_SENDS) int maxConcurrentSends,
        @DefaultValue("" + DEFAULT_MAX_QUEUED_SENDS) int maxQueuedSends) {

    /** Replies go nowhere by default; set a real address for production. */
    static final String DEFAULT_FROM = "Parley <no-reply@parley.invalid>";

    /** An SMTP relay takes a handful of parallel conversations happily; more only queues at the relay. */
    static final int DEFAULT_MAX_CONCURRENT_SENDS = 4;

    /** A burst of transcript requests waits; beyond this the sender is overwhelmed and callers are told to retry. */
    static final int DEFAULT_MAX_QUEUED_SENDS = 1_000;

    public MailProperties {
        if (maxConcurrentSends < 1 || maxQueuedSends < 1) {
            throw new IllegalArgumentException("parley.mail.max-concurrent-sends and max-queued-sends must be positive");
        }
    }
}
