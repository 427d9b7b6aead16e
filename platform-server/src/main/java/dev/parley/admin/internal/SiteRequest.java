package dev.parley.admin.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.parley.shared.RequestFields;
import dev.parley.site.Appearance;
import dev.parley.site.PrechatField;
import dev.parley.site.Site;
import dev.parley.site.SiteChanges;
import dev.parley.site.SiteDraft;
import tools.jackson.databind.JsonNode;

/** Reads a site from a request body; every limit is named here and refused by field. */
final class SiteRequest {

    /** The schema's column sizes. */
    static final int MAX_NAME = 200;
    static final int MAX_GREETING = 1_000;

    /** A site embedded on a few dozen domains is plenty; more is usually a wildcard in disguise. */
    static final int MAX_ORIGINS = 50;

    /** A pre-chat form longer than this loses visitors before they start. */
    static final int MAX_PRECHAT_FIELDS = 10;

    static final int MAX_FIELD_LABEL = 100;
    static final int MAX_TITLE = 100;

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

    private SiteRequest() {
    }

    static SiteDraft draft(JsonNode body) {
        RequestFields f = RequestFields.of(body);
        String name = f.text("name", MAX_NAME, true);
        List<String> origins = origins(f);
        Appearance appearance = f.has("appearance") ? appearance(f, Appearance.defaults()) : Appearance.defaults();
        String greeting = f.text("greeting", MAX_GREETING, false);
        List<PrechatField> prechat = f.has("prechatFields") ? prechat(f) : List.of();
        Boolean required = f.bool("identityRequired");
        f.check();
        return new SiteDraft(name, origins == null ? List.of() : origins, appearance, greeting, prechat == null ? List.of() : prechat,
                Boolean.TRUE.equals(required));
    }

    static SiteChanges changes(JsonNode body, Site current) {
        RequestFields f = RequestFields.of(body);
        String name = f.text("name", MAX_NAME, false);
        if (f.has("name") && name == null && f.ok()) {
            f.fail("name", "name must not be blank");
        }
        List<String> origins = f.has("allowedOrigins") ? origins(f) : null;
        Appearance appearance = f.has("appearance") ? appearance(f, current.appearance()) : null;
        String greeting = f.text("greeting", MAX_GREETING, false);
        List<PrechatField> prechat = f.has("prechatFields") ? prechat(f) : null;
        Boolean required = f.bool("identityRequired");
        f.check();
        return new SiteChanges(name, origins, appearance, f.has("greeting"), greeting, prechat, required);
    }

    /** Exact origins, normalised ({@code https://shop.example}); anything else is refused, so no pattern can widen them. */
    private static List<String> origins(RequestFields f) {
        List<String> raw = f.strings("allowedOrigins", MAX_ORIGINS, 300);
        if (raw == null) {
            if (f.has("allowedOrigins") && f.node("allowedOrigins") == null) {
                f.fail("allowedOrigins", "allowedOrigins must be a list (empty for none)");
            }
            return null;
        }
        List<String> normalized = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String origin = Site.normalizeOrigin(raw.get(i));
            if (origin == null) {
                f.fail("allowedOrigins[" + i + "]", "allowedOrigins[" + i + "] must be an origin such as https://shop.example"
                        + " (scheme, host and port only)");
            }
            else if (!normalized.contains(origin)) {
                normalized.add(origin);
            }
        }
        return normalized;
    }

    private static Appearance appearance(RequestFields f, Appearance base) {
        JsonNode node = f.node("appearance");
        if (node == null || !node.isObject()) {
            f.fail("appearance", "appearance must be an object");
            return null;
        }
        RequestFields a = f.nested("appearance", node);
        String color = a.text("primaryColor", 7, false);
        if (color != null && !COLOR.matcher(color).matches()) {
            a.fail("primaryColor", "primaryColor must be a colour as #rrggbb");
        }
        String position = a.text("position", 5, false);
        if (position != null && !position.equals("left") && !position.equals("right")) {
            a.fail("position", "position must be left or right");
        }
        String title = a.text("title", MAX_TITLE, false);
        return new Appearance(color == null ? base.primaryColor() : color.toLowerCase(Locale.ROOT),
                position == null ? base.position() : position, title == null ? base.title() : title);
    }

    private static List<PrechatField> prechat(RequestFields f) {
        JsonNode list = f.node("prechatFields");
        if (list == null || !list.isArray() || list.size() > MAX_PRECHAT_FIELDS) {
            f.fail("prechatFields", "prechatFields must be a list of at most " + MAX_PRECHAT_FIELDS + " fields");
            return null;
        }
        List<PrechatField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "prechatFields[" + i + "]";
            if (!list.get(i).isObject()) {
                f.fail(at, at + " must be an object");
                continue;
            }
            RequestFields field = f.nested(at, list.get(i));
            String name = field.text("name", 40, true);
            if (name != null && !FIELD_NAME.matcher(name).matches()) {
                field.fail("name", "name must start with a letter and hold only letters, digits and _ (at most 40)");
            }
            else if (name != null && !names.add(name)) {
                field.fail("name", "name is used by another field");
            }
            String label = field.text("label", MAX_FIELD_LABEL, true);
            String type = field.text("type", 10, false);
            if (type != null && !List.of("text", "email", "textarea").contains(type)) {
                field.fail("type", "type must be text, email or textarea");
            }
            Boolean required = field.bool("required");
            fields.add(new PrechatField(name, label, type == null ? "text" : type, Boolean.TRUE.equals(required)));
        }
        return fields;
    }
}
