package dev.parley.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON request body field by field and collects every refusal with the field's name, so
 * one 400 answer lists all that is wrong. Absent and {@code null} are told apart ({@link #has}):
 * a partial update leaves absent fields alone and clears those sent as {@code null}.
 *
 * <p>Not thread-safe; one per request. Call {@link #check()} after reading to throw the problem.
 */
public final class RequestFields {

    private final JsonNode body;
    private final String prefix;
    private final List<ApiProblems.FieldError> errors;

    private RequestFields(JsonNode body, String prefix, List<ApiProblems.FieldError> errors) {
        this.body = body;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Fails with {@code invalid_request} unless the body is a JSON object. */
    public static RequestFields of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblems.of(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_request", "The request body must be a JSON object");
        }
        return new RequestFields(body, "", new ArrayList<>());
    }

    /** The fields of a nested object, reporting refusals as {@code name.field} into this reader. */
    public RequestFields nested(String name, JsonNode node) {
        return new RequestFields(node, prefix + name + ".", errors);
    }

    public boolean has(String name) {
        return body.has(name);
    }

    public JsonNode node(String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : node;
    }

    /** A string of 1 to {@code max} characters after trimming; null when absent or null, unless {@code required}. */
    public String text(String name, int max, boolean required) {
        JsonNode node = node(name);
        if (node == null) {
            if (required) {
                fail(name, name + " is required");
            }
            return null;
        }
        if (!node.isString()) {
            fail(name, name + " must be a string");
            return null;
        }
        String value = node.stringValue().trim();
        if (value.isEmpty() && required) {
            fail(name, name + " must not be blank");
            return null;
        }
        if (value.length() > max) {
            fail(name, name + " must be at most " + max + " characters");
            return null;
        }
        return value.isEmpty() ? null : value;
    }

    /** An integer from {@code min} to {@code max}; null when absent or null, unless {@code required}. */
    public Integer integer(String name, int min, int max, boolean required) {
        JsonNode node = node(name);
        if (node == null) {
            if (required) {
                fail(name, name + " is required");
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            fail(name, name + " must be a whole number from " + min + " to " + max);
            return null;
        }
        return node.intValue();
    }

    public Boolean bool(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            fail(name, name + " must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    /** One of the enum's constants, in any case; null when absent or null, unless {@code required}. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, boolean required) {
        String value = text(name, 64, required);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            fail(name, name + " must be one of " + String.join(", ", allowed));
            return null;
        }
    }

    /** A list of strings, each 1 to {@code maxLength} characters, at most {@code maxItems}; null when absent. */
    public List<String> strings(String name, int maxItems, int maxLength) {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        if (!node.isArray() || node.size() > maxItems) {
            fail(name, name + " must be a list of at most " + maxItems + " strings");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isString() || item.stringValue().isBlank() || item.stringValue().length() > maxLength) {
                fail(name + "[" + i + "]", name + "[" + i + "] must be a string of 1 to " + maxLength + " characters");
                return null;
            }
            values.add(item.stringValue().trim());
        }
        return values;
    }

    /** Records a refusal of {@code name} (relative to this reader's object). */
    public void fail(String name, String message) {
        if (name.isEmpty()) {
            String self = prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1);
            errors.add(new ApiProblems.FieldError(self, self + ": " + message));
            return;
        }
        errors.add(new ApiProblems.FieldError(prefix + name, prefix.isEmpty() ? message : prefix + message));
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws the 400 {@code invalid_field} problem listing every refusal, if there was one. */
    public void check() {
        if (!errors.isEmpty()) {
            throw ApiProblems.invalidFields(errors);
        }
    }
}
