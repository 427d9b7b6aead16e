package dev.parley.shared;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Converts between {@link Instant} and the UTC {@code DATETIME(6)} columns of the schema.
 *
 * <p>Drivers bind {@code Instant} through the JVM or session zone, and H2 and MySQL disagree on
 * how; a {@link LocalDateTime} in UTC binds the same everywhere.
 */
public final class Times {

    private Times() {
    }

    /** Truncated to microseconds, the precision the columns keep. */
    public static LocalDateTime toDb(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public static Instant fromDb(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
