package dev.parley.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress on standard error, timestamped, so a long run shows where it is. */
final class Log {

    private Log() {
    }

    static void info(String format, Object... args) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(java.util.Locale.ROOT, format, args));
    }
}
