package dev.parley.site;

/**
 * How the widget looks on a site.
 *
 * @param primaryColor CSS hex colour of the launcher and the visitor's bubbles, e.g. {@code #2563eb}
 * @param position {@code right} or {@code left}: the bottom corner the launcher sits in
 * @param title the panel's heading, such as the team's name
 */
public record Appearance(String primaryColor, String position, String title) {

    public static Appearance defaults() {
        return new Appearance("#2563eb", "right", "Support");
    }
}
