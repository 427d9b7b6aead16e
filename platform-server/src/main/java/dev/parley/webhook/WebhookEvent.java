package dev.parley.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook can be told about, by its name on the wire. */
public enum WebhookEvent {
    CONVERSATION_CREATED("conversation.created"),
    CONVERSATION_ASSIGNED("conversation.assigned"),
    CONVERSATION_CLOSED("conversation.closed"),
    MESSAGE_CREATED("message.created");

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEvent> fromWire(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }
}
