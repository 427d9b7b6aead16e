package dev.parley.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * When a site's team answers, in the site's own time zone: weekly slots, overridden on given dates
 * (a holiday with no slots is closed all day). Slot times are wall-clock times, so a DST change
 * moves them in UTC, as people expect.
 *
 * @param zone an IANA time-zone id such as {@code Europe/Berlin}
 */
public record BusinessHours(String zone, List<Slot> weekly, List<DatedHours> exceptions) {

    /** Open from {@code from} (inclusive) to {@code to} (exclusive) on {@code day}; {@code to} of 00:00 means midnight. */
    public record Slot(DayOfWeek day, LocalTime from, LocalTime to) {
    }

    /** On {@code date}, these slots replace the weekly ones; none means closed all day. */
    public record DatedHours(LocalDate date, List<TimeRange> slots) {
    }

    public record TimeRange(LocalTime from, LocalTime to) {
    }

    public BusinessHours {
        ZoneId.of(zone);
        weekly = weekly == null ? List.of() : List.copyOf(weekly);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    public boolean openAt(Instant instant) {
        ZonedDateTime local = instant.atZone(ZoneId.of(zone));
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        for (DatedHours exception : exceptions) {
            if (exception.date().equals(date)) {
                return exception.slots().stream().anyMatch(range -> within(time, range.from(), range.to()));
            }
        }
        return weekly.stream().anyMatch(slot -> slot.day() == date.getDayOfWeek() && within(time, slot.from(), slot.to()));
    }

    private static boolean within(LocalTime time, LocalTime from, LocalTime to) {
        boolean untilMidnight = to.equals(LocalTime.MIDNIGHT);
        return !time.isBefore(from) && (untilMidnight || time.isBefore(to));
    }
}
