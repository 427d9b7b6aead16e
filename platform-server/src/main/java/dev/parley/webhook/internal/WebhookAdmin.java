package dev.parley.webhook.internal;

import org.springframework.stereotype.Component;

/** What the facade needs of the internals without exposing them: the URL check and the cache. */
@Component
public class WebhookAdmin {

    private final AddressGuard guard;
    private final Subscriptions subscriptions;

    WebhookAdmin(AddressGuard guard, Subscriptions subscriptions) {
        this.guard = guard;
        this.subscriptions = subscriptions;
    }

    /** Why {@code url} cannot be an endpoint, or null. */
    public String refusal(String url) {
        return guard.refusal(url);
    }

    /** Forgets this node's copy of the account's webhooks, after a change. */
    public void changed(String accountId) {
        subscriptions.forget(accountId);
    }
}
