package dev.parley.routing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.routing.Availability;
import dev.parley.routing.ConversationRequeued;
import dev.parley.routing.QueuePositionChanged;
import dev.parley.routing.QueueSettings;
import dev.parley.routing.RoutingException;
import reactor.core.publisher.Mono;

/** The routing machinery behind {@link dev.parley.routing.Queues}, wired in {@link RoutingConfiguration}. */
public final class RoutingEngine {

    private final SettingsCache settings;
    private final QueueSettingsRepository settingsRepository;
    private final RoutingRepository repository;
    private final Assigner assigner;
    private final Admission admission;
    private final QueuePositions positions;
    private final DirectAssignment direct;
    private final Announcements announcements;
    private final Conversations conversations;
    private final AccountLock lock;
    private final Clock clock;
    private final Reassignment reassignment;

    RoutingEngine(SettingsCache settings, QueueSettingsRepository settingsRepository, RoutingRepository repository, Assigner assigner,
            Admission admission, QueuePositions positions, DirectAssignment direct, Announcements announcements,
            Conversations conversations, AccountLock lock, Clock clock, Reassignment reassignment) {
        this.reassignment = reassignment;
        this.settings = settings;
        this.settingsRepository = settingsRepository;
        this.repository = repository;
        this.assigner = assigner;
        this.admission = admission;
        this.positions = positions;
        this.direct = direct;
        this.announcements = announcements;
        this.conversations = conversations;
        this.lock = lock;
        this.clock = clock;
    }

    public Mono<QueueSettings> settings(String siteId) {
        return settings.get(siteId);
    }

    public Mono<Void> save(QueueSettings queueSettings, Instant now) {
        return settingsRepository.save(queueSettings, now).then(Mono.fromRunnable(() -> settings.forget(queueSettings.siteId())));
    }

    public Mono<Boolean> teamOf(String accountId, String teamId) {
        return repository.teamOf(accountId, teamId);
    }

    public void kick(String accountId) {
        assigner.kick(accountId);
    }

    public Mono<Long> releaseAll(String accountId, String agentId) {
        return reassignment.all(accountId, agentId);
    }

    public Mono<Integer> assignNow(String accountId) {
        return assigner.assignNow(accountId);
    }

    public Mono<Availability> availability(String accountId, String siteId) {
        return admission.availability(accountId, siteId);
    }

    public Mono<QueuePositionChanged> position(String accountId, String conversationId) {
        return positions.current(accountId, conversationId);
    }

    public Mono<Conversation> assign(String accountId, String conversationId, String agentId, List<ConversationStatus> from,
            boolean teamBound, String reason) {
        return direct.assign(accountId, conversationId, agentId, from, teamBound, reason);
    }

    public Mono<Conversation> toTeam(String accountId, String conversationId, String teamId) {
        Instant[] at = new Instant[1];
        Mono<Conversation> change = Mono.fromRunnable(() -> at[0] = clock.instant())
                .then(conversations.find(conversationId))
                .filter(c -> c.accountId().equals(accountId) && c.status() != ConversationStatus.CLOSED)
                .switchIfEmpty(Mono.error(() -> new RoutingException("not_found", "No such conversation")))
                .flatMap(c -> repository.teamOf(accountId, teamId).flatMap(exists -> exists
                        ? repository.toTeam(c.id(), teamId).thenReturn(c)
                        : Mono.error(new RoutingException("not_found", "No such team"))));
        return lock.run(accountId, change)
                .flatMap(before -> announcements.requeued(new ConversationRequeued(accountId, conversationId, before.assignedAgentId(),
                        "transfer", at[0]), "Transferred to another team; you keep your place in the queue").thenReturn(before))
                .doOnNext(before -> assigner.kick(accountId))
                .then(conversations.find(conversationId));
    }
}
