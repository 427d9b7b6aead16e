package dev.parley.conversation;

/**
 * A search of an account's conversations by their visitor's name or email, or by text in their
 * messages (notes included; system events not), ignoring case.
 *
 * @param agentId when non-null, only what an agent sees: conversations assigned to them (open or
 *     closed) and those waiting in the queue or kept for follow-up; null searches every conversation
 * @param text what to find, matched literally (a {@code %} or {@code _} is not a wildcard)
 * @param limit most results
 */
public record ConversationSearch(String accountId, String agentId, String text, int limit) {
}
