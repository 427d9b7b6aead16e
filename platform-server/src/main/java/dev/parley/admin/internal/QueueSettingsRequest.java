package dev.parley.admin.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import dev.parley.routing.BusinessHours;
import dev.parley.routing.QueueSettings;
import dev.parley.routing.RoutingPolicy;
import dev.parley.shared.Ids;
import dev.parley.shared.RequestFields;
import tools.jackson.databind.JsonNode;

/**
 * Reads a site's queue settings from a request body and refuses, by field, whatever is out of
 * range. The limits are the product's, listed in docs/admin-api.md.
 */
final class QueueSettingsRequest {

    /** A day: no one queues longer than that, and a timer longer than a day is a mistake. */
    static final int MAX_TIMEOUT_SECONDS = 86_400;

    /** Ten seconds: shorter and an agent reading the visitor's first message would lose the chat. */
    static final int MIN_NO_REPLY_SECONDS = 10;

    /** Thirty days of silence before a chat closes is as long as anyone would want. */
    static final int MAX_AUTO_CLOSE_MINUTES = 43_200;

    /** Far beyond any real queue; a cap keeps a typo from meaning "unbounded". */
    static final int MAX_QUEUE_LENGTH = 100_000;

    /** Every half hour of a week, which no real timetable needs. */
    static final int MAX_WEEKLY_SLOTS = 336;

    /** A year of holidays and special days. */
    static final int MAX_EXCEPTIONS = 366;

    /** Split shifts on a special day. */
    static final int MAX_SLOTS_PER_DAY = 8;

    private QueueSettingsRequest() {
    }

    /** The settings for {@code siteId}; throws the 400 problem listing every refused field. */
    static QueueSettings read(String siteId, JsonNode body) {
        RequestFields f = RequestFields.of(body);
        RoutingPolicy policy = f.choice("policy", RoutingPolicy.class, true);
        String teamId = f.text("teamId", 26, false);
        if (teamId != null && !Ids.isWellFormed(teamId)) {
            f.fail("teamId", "teamId must be a team's id");
        }
        Integer max = f.integer("maxChatsPerAgent", 1, 100, true);
        Integer queueTimeout = f.integer("queueTimeoutSeconds", 1, MAX_TIMEOUT_SECONDS, true);
        Integer noReply = f.integer("noReplyTimeoutSeconds", MIN_NO_REPLY_SECONDS, MAX_TIMEOUT_SECONDS, false);
        Integer autoClose = f.integer("autoCloseMinutes", 1, MAX_AUTO_CLOSE_MINUTES, false);
        Integer maxQueue = f.integer("maxQueueLength", 1, MAX_QUEUE_LENGTH, false);
        BusinessHours hours = f.node("businessHours") == null ? null : businessHours(f.nested("businessHours", f.node("businessHours")), f);
        f.check();
        return new QueueSettings(siteId, policy, teamId, max, Duration.ofSeconds(queueTimeout),
                noReply == null ? null : Duration.ofSeconds(noReply), autoClose == null ? null : Duration.ofMinutes(autoClose), maxQueue,
                hours);
    }

    private static BusinessHours businessHours(RequestFields h, RequestFields root) {
        if (!root.node("businessHours").isObject()) {
            root.fail("businessHours", "businessHours must be an object or null");
            return null;
        }
        String zone = h.text("zone", 64, true);
        if (zone != null) {
            try {
                ZoneId.of(zone);
            }
            catch (DateTimeException e) {
                h.fail("zone", "zone must be an IANA time-zone id such as Europe/Berlin");
            }
        }
        List<BusinessHours.Slot> weekly = new ArrayList<>();
        JsonNode slots = h.node("weekly");
        if (slots != null && (!slots.isArray() || slots.size() > MAX_WEEKLY_SLOTS)) {
            h.fail("weekly", "weekly must be a list of at most " + MAX_WEEKLY_SLOTS + " slots");
        }
        else if (slots != null) {
            for (int i = 0; i < slots.size(); i++) {
                RequestFields slot = h.nested("weekly[" + i + "]", slots.get(i));
                DayOfWeek day = slots.get(i).isObject() ? slot.choice("day", DayOfWeek.class, true) : null;
                LocalTime[] range = range(slot, slots.get(i));
                if (day != null && range != null) {
                    weekly.add(new BusinessHours.Slot(day, range[0], range[1]));
                }
            }
        }
        List<BusinessHours.DatedHours> exceptions = new ArrayList<>();
        JsonNode dated = h.node("exceptions");
        if (dated != null && (!dated.isArray() || dated.size() > MAX_EXCEPTIONS)) {
            h.fail("exceptions", "exceptions must be a list of at most " + MAX_EXCEPTIONS + " dates");
        }
        else if (dated != null) {
            for (int i = 0; i < dated.size(); i++) {
                RequestFields day = h.nested("exceptions[" + i + "]", dated.get(i));
                BusinessHours.DatedHours hoursOn = dated.get(i).isObject() ? datedHours(day, dated.get(i)) : null;
                if (hoursOn == null && !dated.get(i).isObject()) {
                    h.fail("exceptions[" + i + "]", "each exception must be an object with a date and slots");
                }
                if (hoursOn != null) {
                    exceptions.add(hoursOn);
                }
            }
        }
        return zone == null || !h.ok() ? null : new BusinessHours(zone, weekly, exceptions);
    }

    private static BusinessHours.DatedHours datedHours(RequestFields day, JsonNode node) {
        String text = day.text("date", 10, true);
        LocalDate date = null;
        if (text != null) {
            try {
                date = LocalDate.parse(text);
            }
            catch (DateTimeParseException e) {
                day.fail("date", "date must be YYYY-MM-DD");
            }
        }
        List<BusinessHours.TimeRange> ranges = new ArrayList<>();
        JsonNode slots = day.node("slots");
        if (slots != null && (!slots.isArray() || slots.size() > MAX_SLOTS_PER_DAY)) {
            day.fail("slots", "slots must be a list of at most " + MAX_SLOTS_PER_DAY + " time ranges; an empty list closes the day");
            return null;
        }
        for (int i = 0; slots != null && i < slots.size(); i++) {
            LocalTime[] range = range(day.nested("slots[" + i + "]", slots.get(i)), slots.get(i));
            if (range != null) {
                ranges.add(new BusinessHours.TimeRange(range[0], range[1]));
            }
        }
        return date == null ? null : new BusinessHours.DatedHours(date, ranges);
    }

    /** {@code from} and {@code to} as HH:mm, from before to; a {@code to} of 00:00 is midnight at the day's end. */
    private static LocalTime[] range(RequestFields slot, JsonNode node) {
        if (!node.isObject()) {
            slot.fail("", "a slot must be an object with from and to");
            return null;
        }
        LocalTime from = time(slot, "from");
        LocalTime to = time(slot, "to");
        if (from == null || to == null) {
            return null;
        }
        if (!to.equals(LocalTime.MIDNIGHT) && !from.isBefore(to)) {
            slot.fail("to", "to must be after from (00:00 means midnight)");
            return null;
        }
        return new LocalTime[] {from, to};
    }

    private static LocalTime time(RequestFields slot, String name) {
        String text = slot.text(name, 5, true);
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        }
        catch (DateTimeParseException e) {
            slot.fail(name, name + " must be a time as HH:mm");
            return null;
        }
    }
}
