package dev.parley.site;

/**
 * One field of a site's pre-chat form.
 *
 * @param name key the answer is stored under, e.g. {@code email}
 * @param label what the visitor reads
 * @param type {@code text}, {@code email} or {@code textarea}
 * @param required whether the form refuses to start a chat without it
 */
public record PrechatField(String name, String label, String type, boolean required) {
}
