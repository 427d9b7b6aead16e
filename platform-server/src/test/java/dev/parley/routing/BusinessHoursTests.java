package dev.parley.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening hours are wall-clock times in the site's zone, whatever the server's zone and whatever DST does. */
class BusinessHoursTests {

    static final List<BusinessHours.Slot> WEEKDAYS_9_TO_17 = java.util.Arrays.stream(DayOfWeek.values())
            .filter(d -> d.getValue() <= 5)
            .map(d -> new BusinessHours.Slot(d, LocalTime.of(9, 0), LocalTime.of(17, 0)))
            .toList();

    @Test
    void theSameInstantIsOpenInOneZoneAndClosedInAnother() {
        Instant mondayNoonUtc = Instant.parse("2026-11-23T12:00:00Z");
        assertThat(new BusinessHours("Europe/Berlin", WEEKDAYS_9_TO_17, null).openAt(mondayNoonUtc)).isTrue();
        assertThat(new BusinessHours("Asia/Tokyo", WEEKDAYS_9_TO_17, null).openAt(mondayNoonUtc)).as("21:00 in Tokyo").isFalse();
        assertThat(new BusinessHours("America/Los_Angeles", WEEKDAYS_9_TO_17, null).openAt(mondayNoonUtc)).as("04:00 in LA").isFalse();
    }

    @Test
    void openingFollowsTheWallClockAcrossTheDstChange() {
        BusinessHours berlin = new BusinessHours("Europe/Berlin", WEEKDAYS_9_TO_17, null);
        // Before the change (CET, UTC+1) 09:00 local is 08:00 UTC; after it (CEST, UTC+2) it is 07:00 UTC.
        assertThat(berlin.openAt(Instant.parse("2026-03-27T08:00:00Z"))).as("Friday 09:00 CET").isTrue();
        assertThat(berlin.openAt(Instant.parse("2026-03-27T07:59:59Z"))).as("Friday 08:59:59 CET").isFalse();
        assertThat(berlin.openAt(Instant.parse("2026-03-30T07:00:00Z"))).as("Monday 09:00 CEST").isTrue();
        assertThat(berlin.openAt(Instant.parse("2026-03-30T06:59:59Z"))).as("Monday 08:59:59 CEST").isFalse();
        assertThat(berlin.openAt(Instant.parse("2026-03-30T15:00:00Z"))).as("Monday 17:00 CEST closes").isFalse();
    }

    @Test
    void aHolidayClosesTheDayAndSpecialHoursReplaceTheWeeklyOnes() {
        BusinessHours hours = new BusinessHours("Europe/Paris", WEEKDAYS_9_TO_17, List.of(
                new BusinessHours.DatedHours(LocalDate.of(2026, 12, 25), List.of()),
                new BusinessHours.DatedHours(LocalDate.of(2026, 12, 24), List.of(new BusinessHours.TimeRange(LocalTime.of(9, 0), LocalTime.of(12, 0))))));
        assertThat(hours.openAt(Instant.parse("2026-12-25T10:00:00Z"))).as("Christmas, a Friday").isFalse();
        assertThat(hours.openAt(Instant.parse("2026-12-24T09:00:00Z"))).as("10:00 on Christmas Eve").isTrue();
        assertThat(hours.openAt(Instant.parse("2026-12-24T12:30:00Z"))).as("13:30 on Christmas Eve").isFalse();
        assertThat(hours.openAt(Instant.parse("2026-12-28T10:00:00Z"))).as("an ordinary Monday").isTrue();
    }

    @Test
    void aSlotUntilMidnightCoversTheLastMinutesOfTheDay() {
        BusinessHours late = new BusinessHours("UTC", List.of(new BusinessHours.Slot(DayOfWeek.SATURDAY, LocalTime.of(20, 0), LocalTime.MIDNIGHT)), null);
        assertThat(late.openAt(Instant.parse("2026-11-28T23:59:59Z"))).isTrue();
        assertThat(late.openAt(Instant.parse("2026-11-29T00:00:00Z"))).isFalse();
    }

    @Test
    void anUnknownZoneIsRefused() {
        assertThatThrownBy(() -> new BusinessHours("Mars/Olympus_Mons", WEEKDAYS_9_TO_17, null)).isInstanceOf(java.time.DateTimeException.class);
    }
}
