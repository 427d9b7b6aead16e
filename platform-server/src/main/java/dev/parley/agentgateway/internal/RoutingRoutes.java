package dev.parley.agentgateway.internal;

import java.util.List;
import java.util.Locale;

import dev.parley.agent.AgentStatus;
import dev.parley.agent.Presence;
import dev.parley.agent.Role;
import dev.parley.agent.Team;
import dev.parley.agent.Teams;
import dev.parley.routing.Capacities;
import dev.parley.routing.Queues;
import dev.parley.security.AgentPrincipal;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The console's routing routes: the agent's status, the roster and teams, claiming, assigning and transferring. */
@Controller
class RoutingRoutes {

    private final Presence presence;
    private final Teams teams;
    private final Queues queues;
    private final ConversationAccess access;
    private final Capacities capacities;

    RoutingRoutes(Presence presence, Teams teams, Queues queues, ConversationAccess access, Capacities capacities) {
        this.capacities = capacities;
        this.presence = presence;
        this.teams = teams;
        this.queues = queues;
        this.access = access;
    }

    record Status(String status) {
    }

    record Claim(String conversationId) {
    }

    record Assign(String conversationId, String agentId) {
    }

    record Transfer(String conversationId, String agentId, String teamId) {
    }

    /** ONLINE, AWAY or OFFLINE; OFFLINE gives the agent's open chats back to the queue. */
    @MessageMapping("status.set")
    Mono<Status> status(@AuthenticationPrincipal AgentPrincipal agent, Status request) {
        AgentStatus status;
        try {
            status = AgentStatus.valueOf(String.valueOf(request.status()).toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            return Mono.error(GatewayException.invalid("status must be online, away or offline"));
        }
        return presence.setStatus(agent.accountId(), agent.agentId(), status)
                .map(set -> new Status(set.name().toLowerCase(Locale.ROOT)))
                .switchIfEmpty(Mono.error(() -> GatewayException.notFound("agent")));
    }

    @MessageMapping("agents.roster")
    Mono<List<AgentViews.Colleague>> roster(@AuthenticationPrincipal AgentPrincipal agent) {
        return capacities.accountDefault(agent.accountId())
                .flatMap(capacity -> presence.roster(agent.accountId()).map(e -> AgentViews.Colleague.of(e, capacity)).collectList());
    }

    @MessageMapping("teams.list")
    Mono<List<Team>> teams(@AuthenticationPrincipal AgentPrincipal agent) {
        return teams.forAccount(agent.accountId()).collectList();
    }

    /** The agent takes a waiting or pending conversation, within their capacity and team. */
    @MessageMapping("queue.claim")
    Mono<AgentViews.ConversationView> claim(@AuthenticationPrincipal AgentPrincipal agent, Claim request) {
        return access.readable(agent, request.conversationId())
                .flatMap(c -> queues.claim(agent.accountId(), agent.agentId(), c.id()))
                .map(AgentViews.ConversationView::of);
    }

    /** A supervisor or admin gives a waiting conversation to an agent, whatever the site's policy. */
    @MessageMapping("conversations.assign")
    Mono<AgentViews.ConversationView> assign(@AuthenticationPrincipal AgentPrincipal agent, Assign request) {
        if (agent.role() == Role.AGENT) {
            return Mono.error(new GatewayException("forbidden", "Only supervisors and admins assign conversations"));
        }
        return access.readable(agent, request.conversationId())
                .flatMap(c -> queues.assign(agent.accountId(), c.id(), request.agentId()))
                .map(AgentViews.ConversationView::of);
    }

    /** Moves a conversation to another agent (who must have room) or into a team's queue. */
    @MessageMapping("conversations.transfer")
    Mono<AgentViews.ConversationView> transfer(@AuthenticationPrincipal AgentPrincipal agent, Transfer request) {
        if ((request.agentId() == null) == (request.teamId() == null)) {
            return Mono.error(GatewayException.invalid("Name either agentId or teamId"));
        }
        return access.actionable(agent, request.conversationId())
                .flatMap(c -> request.agentId() != null ? queues.transferToAgent(agent.accountId(), c.id(), request.agentId())
                        : queues.transferToTeam(agent.accountId(), c.id(), request.teamId()))
                .map(AgentViews.ConversationView::of);
    }
}
