package dev.parley.routing;

import java.time.Clock;
import java.util.List;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.routing.internal.RoutingEngine;
import dev.parley.site.Sites;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The queue's public face: settings, availability, positions, and assignment by people (claim,
 * manual assignment, transfer). Failures are {@link RoutingException}s; a site, conversation or
 * agent of another account answers like a missing one.
 */
@Service
public class Queues {

    private final RoutingEngine engine;
    private final Sites sites;
    private final Conversations conversations;
    private final ClusterBus bus;
    private final Clock clock;

    Queues(RoutingEngine engine, Sites sites, Conversations conversations, ClusterBus bus, Clock clock) {
        this.engine = engine;
        this.sites = sites;
        this.conversations = conversations;
        this.bus = bus;
        this.clock = clock;
    }

    public Mono<QueueSettings> settings(String accountId, String siteId) {
        return sites.find(accountId, siteId)
                .switchIfEmpty(Mono.error(() -> new RoutingException("not_found", "No such site")))
                .flatMap(site -> engine.settings(site.id()));
    }

    /** Saves a site's settings; every node applies them at once, and the queue is re-run under them. */
    public Mono<QueueSettings> updateSettings(String accountId, QueueSettings settings) {
        Mono<Boolean> teamOk = settings.teamId() == null ? Mono.just(true) : engine.teamOf(accountId, settings.teamId());
        return sites.find(accountId, settings.siteId())
                .switchIfEmpty(Mono.error(() -> new RoutingException("not_found", "No such site")))
                .then(teamOk)
                .flatMap(ok -> ok ? engine.save(settings, clock.instant())
                        : Mono.error(new RoutingException("invalid_settings", "No such team")))
                .then(bus.publish(new QueueSettingsChanged(accountId, settings.siteId())))
                .then(Mono.fromRunnable(() -> engine.kick(accountId)))
                .thenReturn(settings);
    }

    /** Whether a new visitor of the site would reach an agent now. */
    public Mono<Availability> availability(String accountId, String siteId) {
        return engine.availability(accountId, siteId);
    }

    /** The conversation's place in the queue and expected wait, or empty when it is not queued. */
    public Mono<QueuePositionChanged> position(Conversation conversation) {
        return engine.position(conversation.accountId(), conversation.id());
    }

    /** An agent takes a waiting (or pending) conversation themselves, within their capacity and team. */
    public Mono<Conversation> claim(String accountId, String agentId, String conversationId) {
        return engine.assign(accountId, conversationId, agentId, List.of(ConversationStatus.QUEUED, ConversationStatus.PENDING), true, "claim");
    }

    /** A supervisor gives any queued or pending conversation to an agent, under every policy. */
    public Mono<Conversation> assign(String accountId, String conversationId, String agentId) {
        return engine.assign(accountId, conversationId, agentId, List.of(ConversationStatus.QUEUED, ConversationStatus.PENDING), false, "manual");
    }

    /** Moves an assigned conversation to another agent who has room for it. */
    public Mono<Conversation> transferToAgent(String accountId, String conversationId, String agentId) {
        return engine.assign(accountId, conversationId, agentId, List.of(ConversationStatus.ASSIGNED), false, "transfer");
    }

    /** Moves a conversation into a team's queue, at its original place. */
    public Mono<Conversation> transferToTeam(String accountId, String conversationId, String teamId) {
        return engine.toTeam(accountId, conversationId, teamId);
    }

    /**
     * Takes every open chat of the agent back into the queue at its original place, telling each
     * visitor, as when an agent goes offline; completes with how many went back. For an agent who
     * was deactivated or otherwise cannot answer any more.
     */
    public Mono<Long> releaseAll(String accountId, String agentId) {
        return engine.releaseAll(accountId, agentId);
    }

    /** Runs assignment for the account now; completes with how many conversations got an agent. */
    public Mono<Integer> assignNow(String accountId) {
        return engine.assignNow(accountId);
    }
}
