package dev.parley.visitor;

/**
 * What the widget's session request tells about the visitor's browser. Every field may be null;
 * each is cut to its column's length.
 */
public record SessionContext(String pageUrl, String referrer, String userAgent, String locale, String ipAddress) {
}
