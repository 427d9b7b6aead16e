package dev.parley.site;

import java.util.List;

/**
 * What an admin changes about a site; null fields stay as they are.
 *
 * @param setGreeting whether {@code greeting} is to be written: true with a null value removes it
 */
public record SiteChanges(String name, List<String> allowedOrigins, Appearance appearance, boolean setGreeting, String greeting,
        List<PrechatField> prechatFields, Boolean identityRequired) {
}
