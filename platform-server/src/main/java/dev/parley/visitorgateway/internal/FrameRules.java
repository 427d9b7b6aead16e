package dev.parley.visitorgateway.internal;

import java.util.Map;

import dev.parley.conversation.ConversationException;
import dev.parley.conversation.PostCommand;
import dev.parley.site.PrechatField;
import dev.parley.site.Site;

/** What makes a visitor's message and pre-chat answers acceptable, and how refusals are named. */
final class FrameRules {

    /** Longest answer to one pre-chat field: an address or a sentence, not an essay. */
    private static final int MAX_PRECHAT_VALUE = 1_000;

    private final int maxMessageLength;

    FrameRules(int maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    /** Throws {@link FrameException} unless the id is well formed and the body is 1 to the limit's characters. */
    void validMessage(String clientMsgId, String body) {
        if (!PostCommand.validClientMsgId(clientMsgId)) {
            throw FrameException.protocol("invalid_field", "Field 'clientMsgId' must be 1 to 64 characters of [A-Za-z0-9_.:-]");
        }
        if (body == null || body.isBlank()) {
            throw FrameException.refused("empty_message", "A message needs some text");
        }
        if (body.length() > maxMessageLength) {
            throw FrameException.refused("message_too_long", "A message has at most " + maxMessageLength + " characters");
        }
    }

    /**
     * Answers every form may carry, whatever the site's pre-chat fields: the offline form always
     * asks how to reach the visitor. They also become the visitor's name and email.
     */
    static final java.util.Set<String> CONTACT_FIELDS = java.util.Set.of("name", "email");

    /** The answers, when every required field is there and every answer is a field of the site's form (or a contact field). */
    Map<String, String> validPrechat(Site site, Map<String, String> answers) {
        Map<String, String> given = answers == null ? Map.of() : answers;
        for (PrechatField field : site.prechatFields()) {
            String value = given.get(field.name());
            if (field.required() && (value == null || value.isBlank())) {
                throw FrameException.refused("invalid_prechat", "Field '" + field.name() + "' is required");
            }
        }
        for (Map.Entry<String, String> answer : given.entrySet()) {
            boolean known = CONTACT_FIELDS.contains(answer.getKey())
                    || site.prechatFields().stream().anyMatch(f -> f.name().equals(answer.getKey()));
            if (!known || answer.getValue() == null || answer.getValue().length() > MAX_PRECHAT_VALUE) {
                throw FrameException.refused("invalid_prechat", "Field '" + answer.getKey() + "' is not on this site's form or too long");
            }
        }
        return given;
    }

    /** The protocol's error code for a refused conversation operation. */
    static String code(ConversationException e) {
        return switch (e.reason()) {
            case CLOSED -> "conversation_closed";
            case NOT_FOUND -> "conversation_not_found";
            case CONFLICT -> "conflict";
            case NOT_CLOSED -> "conversation_open";
            case OVERLOADED, UNAVAILABLE -> "retry_later";
        };
    }
}
