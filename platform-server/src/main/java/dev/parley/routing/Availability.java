package dev.parley.routing;

/**
 * Whether a new visitor of a site would reach an agent now.
 *
 * @param reason when not online: {@code closed_hours}, {@code no_agents} or {@code queue_full}
 */
public record Availability(boolean online, String reason) {

    public static final Availability ONLINE = new Availability(true, null);
}
