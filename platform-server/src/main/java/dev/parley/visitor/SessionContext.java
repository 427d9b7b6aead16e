package dev.parley.visitor;

/**
 * What the widget's session request tells about the visitor's browser. Every field may be null;
 * each is cut to its column's length.
 *
 * @param timeZone the browser's IANA time zone, such as {@code Europe/Oslo}; one Java does not know is dropped
 */
public record SessionContext(String pageUrl, String referrer, String userAgent, String locale, String ipAddress, String timeZone) {
}
