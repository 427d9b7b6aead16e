package dev.parley.routing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.parley.conversation.Conversation;
import dev.parley.routing.Availability;
import dev.parley.routing.ConversationPending;
import dev.parley.routing.QueueSettings;
import reactor.core.publisher.Mono;

/**
 * Decides what happens to a new conversation: it waits in the queue when the site answers now, and
 * otherwise is kept for follow-up while the visitor is offered the offline form.
 */
final class Admission {

    private final RoutingRepository repository;
    private final FreshReads<String, List<Candidate>> availableAgents;
    private final SettingsCache settings;
    private final Announcements announcements;
    private final Clock clock;

    Admission(RoutingRepository repository, FreshReads<String, List<Candidate>> availableAgents, SettingsCache settings,
            Announcements announcements, Clock clock) {
        this.repository = repository;
        this.availableAgents = availableAgents;
        this.settings = settings;
        this.announcements = announcements;
        this.clock = clock;
    }

    /** Whether a new visitor of the site would reach an agent now. */
    Mono<Availability> availability(String accountId, String siteId) {
        Instant now = clock.instant();
        return settings.get(siteId).flatMap(site -> {
            if (!site.openAt(now)) {
                return Mono.just(new Availability(false, "closed_hours"));
            }
            Mono<Boolean> full = site.maxQueueLength() == null ? Mono.just(false)
                    : repository.queueLength(accountId).map(length -> length >= site.maxQueueLength());
            return full.flatMap(isFull -> isFull ? Mono.just(new Availability(false, "queue_full"))
                    : staffed(accountId, site).map(staffed -> staffed ? Availability.ONLINE : new Availability(false, "no_agents")));
        });
    }

    /** Queues the conversation or parks it; completes with true when it waits in the queue. */
    Mono<Boolean> admit(Conversation conversation) {
        Instant now = clock.instant();
        return settings.get(conversation.siteId()).flatMap(site -> {
            if (!site.openAt(now)) {
                return park(conversation, "closed_hours");
            }
            Mono<Boolean> full = site.maxQueueLength() == null ? Mono.just(false)
                    : repository.queueLength(conversation.accountId()).map(length -> length > site.maxQueueLength());
            return full.flatMap(isFull -> isFull ? park(conversation, "queue_full")
                    : staffed(conversation.accountId(), site).flatMap(staffed -> staffed ? Mono.just(true) : park(conversation, "no_agents")));
        });
    }

    private Mono<Boolean> staffed(String accountId, QueueSettings site) {
        return availableAgents.get(accountId)
                .map(agents -> agents.stream().anyMatch(a -> site.teamId() == null || a.teams().contains(site.teamId())));
    }

    private Mono<Boolean> park(Conversation conversation, String reason) {
        return repository.pending(conversation.id(), reason)
                .flatMap(changed -> changed == 0 ? Mono.just(false)
                        : announcements.pending(new ConversationPending(conversation.accountId(), conversation.id(), reason)).thenReturn(false));
    }
}
