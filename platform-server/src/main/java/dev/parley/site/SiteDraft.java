package dev.parley.site;

import java.util.List;

/** What an admin (or the first-start bootstrap) supplies to create a site. */
public record SiteDraft(
        String name,
        List<String> allowedOrigins,
        Appearance appearance,
        String greeting,
        List<PrechatField> prechatFields,
        boolean identityRequired) {
}
