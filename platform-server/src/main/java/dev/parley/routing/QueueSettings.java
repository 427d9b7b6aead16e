package dev.parley.routing;

import java.time.Duration;

/**
 * How one site's conversations are routed.
 *
 * @param teamId only this team's members are offered the site's chats; null offers them to every agent
 * @param maxChatsPerAgent most open chats an agent holds at once, unless the agent has an override
 * @param queueTimeout how long a visitor waits before the offline form; the conversation is kept
 * @param noReplyTimeout how long an assigned agent may leave a new chat unanswered before it goes to
 *     the next agent; null never reassigns for that
 * @param autoClose how long an assigned chat may be silent before it is closed; null never closes it
 * @param maxQueueLength most conversations waiting before new ones go straight to the offline form; null is unbounded
 * @param businessHours when the site answers; null is always
 */
public record QueueSettings(
        String siteId,
        RoutingPolicy policy,
        String teamId,
        int maxChatsPerAgent,
        Duration queueTimeout,
        Duration noReplyTimeout,
        Duration autoClose,
        Integer maxQueueLength,
        BusinessHours businessHours) {

    /** Three chats is what support teams commonly give one agent at a time. */
    public static final int DEFAULT_MAX_CHATS_PER_AGENT = 3;

    /** Five minutes: longer and most visitors have left; the conversation stays for follow-up anyway. */
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofMinutes(5);

    /** The settings of a site nobody has configured. */
    public static QueueSettings defaults(String siteId) {
        return new QueueSettings(siteId, RoutingPolicy.ROUND_ROBIN, null, DEFAULT_MAX_CHATS_PER_AGENT, DEFAULT_QUEUE_TIMEOUT,
                null, null, null, null);
    }

    public QueueSettings {
        if (policy == null || maxChatsPerAgent < 1 || maxChatsPerAgent > 100 || queueTimeout == null || queueTimeout.isNegative()
                || queueTimeout.isZero() || (noReplyTimeout != null && noReplyTimeout.getSeconds() < 10)
                || (autoClose != null && autoClose.toMinutes() < 1) || (maxQueueLength != null && maxQueueLength < 1)) {
            throw new IllegalArgumentException("Queue settings out of range: maxChatsPerAgent 1-100, queueTimeout > 0,"
                    + " noReplyTimeout >= 10 s, autoClose >= 1 min, maxQueueLength >= 1");
        }
    }

    /** Whether the site answers now. */
    public boolean openAt(java.time.Instant now) {
        return businessHours == null || businessHours.openAt(now);
    }
}
