package dev.parley.admin.internal;

import java.time.Instant;

import dev.parley.agent.Agent;
import dev.parley.agent.AgentStatus;
import dev.parley.agent.Agents;
import dev.parley.agent.Presence;
import dev.parley.agent.Role;
import dev.parley.audit.AuditLog;
import dev.parley.routing.Queues;
import dev.parley.security.AgentPrincipal;
import dev.parley.security.AgentSessions;
import dev.parley.shared.ApiProblems;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The account's agents: creating them, their name, role and capacity override, and deactivating
 * them. The account's last active admin can be neither demoted nor deactivated.
 */
@RestController
@RequestMapping("/api/v1/admin/agents")
class AgentsApi {

    private final Agents agents;
    private final Queues queues;
    private final Presence presence;
    private final AgentSessions sessions;
    private final AuditLog audit;
    private final Invitations invitations;

    AgentsApi(Agents agents, Queues queues, Presence presence, AgentSessions sessions, AuditLog audit, Invitations invitations) {
        this.agents = agents;
        this.queues = queues;
        this.presence = presence;
        this.sessions = sessions;
        this.audit = audit;
        this.invitations = invitations;
    }

    @GetMapping
    Mono<Page<AgentView>> list(@AuthenticationPrincipal AgentPrincipal admin, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String after) {
        int size = Page.limit(limit);
        return Page.of(size, n -> agents.list(admin.accountId(), Page.after(after), n), Agent::id, AgentView::of);
    }

    @GetMapping("/{agentId}")
    Mono<AgentView> get(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String agentId) {
        return agents.find(admin.accountId(), agentId).map(AgentView::of).switchIfEmpty(Mono.error(() -> ApiProblems.notFound("agent")));
    }

    /**
     * Creates an agent: with a {@code password} they sign in at once; with {@code invite: true}
     * they get an email with a link to choose one; with neither they sign in through the
     * installation's OpenID Connect provider only.
     */
    @PostMapping
    Mono<ResponseEntity<AgentView>> create(@AuthenticationPrincipal AgentPrincipal admin, @RequestBody JsonNode body) {
        AgentRequest.Creation request = AgentRequest.creation(body);
        boolean invite = request.invite();
        String password = request.draft().password();
        Mono<Void> canInvite = invite ? invitations.available() : Mono.empty();
        return canInvite
                .then(agents.create(admin.accountId(), request.draft()))
                .onErrorMap(DataIntegrityViolationException.class, taken -> ApiProblems.conflict("email_taken",
                        "An agent with this email exists"))
                .flatMap(agent -> (invite ? invitations.send(agent, admin) : Mono.<Void>empty())
                        .then(audit.record(admin.accountId(), admin.agentId(), "agent.created", "agent", agent.id(),
                                ApiProblems.auditDetails("email", agent.email(), "role", agent.role(),
                                        "signIn", password != null ? "password" : invite ? "invitation" : "oidc")))
                        .thenReturn(ResponseEntity.status(HttpStatus.CREATED).body(AgentView.of(agent))));
    }

    /**
     * Deactivates an agent: they are set offline, their open chats go back to the queue at their
     * place (each visitor is told), every sign-in of theirs ends, and their consoles close within
     * seconds. Nothing of their history is deleted. Deactivating a deactivated agent changes nothing.
     */
    @PostMapping("/{agentId}/deactivate")
    Mono<AgentView> deactivate(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String agentId) {
        return agents.find(admin.accountId(), agentId)
                .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("agent")))
                .flatMap(agent -> !agent.active() ? Mono.just(agent) : lastAdminGuard(admin, agent, null)
                        .then(agents.setActive(admin.accountId(), agentId, false))
                        // Chats first, while the status still says ONLINE: routing never offers a deactivated agent new ones,
                        // and going OFFLINE afterwards finds nothing left to requeue, so the count is exact.
                        .flatMap(deactivated -> queues.releaseAll(admin.accountId(), agentId)
                                .flatMap(requeued -> presence.setStatus(admin.accountId(), agentId, AgentStatus.OFFLINE).thenReturn(requeued))
                                .flatMap(requeued -> sessions.revokeAll(admin.accountId(), agentId, admin.agentId(), "agent_deactivated")
                                        .flatMap(ended -> audit.record(admin.accountId(), admin.agentId(), "agent.deactivated", "agent",
                                                agentId, ApiProblems.auditDetails("requeuedChats", requeued, "endedSessions", ended))))
                                .thenReturn(deactivated)))
                .map(AgentView::of);
    }

    /** Mails the agent a new invitation link; an earlier one stops working. */
    @PostMapping("/{agentId}/invitation")
    Mono<ResponseEntity<Void>> reinvite(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String agentId) {
        return invitations.available()
                .then(agents.find(admin.accountId(), agentId))
                .filter(Agent::active)
                .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("agent")))
                .flatMap(agent -> invitations.send(agent, admin)
                        .then(audit.record(admin.accountId(), admin.agentId(), "agent.invited", "agent", agent.id(), null)))
                .thenReturn(ResponseEntity.accepted().build());
    }

    /** Lets a deactivated agent sign in again; they start offline. */
    @PostMapping("/{agentId}/reactivate")
    Mono<AgentView> reactivate(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String agentId) {
        return agents.find(admin.accountId(), agentId)
                .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("agent")))
                .flatMap(agent -> agent.active() ? Mono.just(agent) : agents.setActive(admin.accountId(), agentId, true)
                        .flatMap(active -> audit.record(admin.accountId(), admin.agentId(), "agent.reactivated", "agent", agentId, null)
                                .thenReturn(active)))
                .map(AgentView::of);
    }

    /** Refuses to leave the account without an active admin: demoting or deactivating the last one. */
    private Mono<Void> lastAdminGuard(AgentPrincipal admin, Agent agent, Role newRole) {
        boolean losesAdmin = agent.active() && agent.role() == Role.ADMIN && (newRole == null || newRole != Role.ADMIN);
        return !losesAdmin ? Mono.empty() : agents.activeAdmins(admin.accountId()).flatMap(count -> count <= 1
                ? Mono.error(ApiProblems.conflict("last_admin", "The account's last active admin cannot be demoted or deactivated"))
                : Mono.empty());
    }

    /** An agent as admins see them; never a password or its hash. */
    record AgentView(String id, String email, String displayName, Role role, Integer capacityOverride, boolean active,
            Instant createdAt) {

        static AgentView of(Agent a) {
            return new AgentView(a.id(), a.email(), a.displayName(), a.role(), a.capacityOverride(), a.active(), a.createdAt());
        }
    }

    /**
     * Changes what the body names: {@code displayName}, {@code role}, {@code capacityOverride} (1 to
     * 100, or null to use the queue's {@code maxChatsPerAgent} again). A raised capacity is used at once.
     */
    @PatchMapping("/{agentId}")
    Mono<AgentView> update(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String agentId, @RequestBody JsonNode body) {
        return Mono.fromCallable(() -> AgentRequest.changes(body))
                .flatMap(changes -> agents.find(admin.accountId(), agentId)
                        .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("agent")))
                        .flatMap(current -> changes.role() == null ? Mono.just(current) : lastAdminGuard(admin, current, changes.role()).thenReturn(current))
                        .flatMap(current -> agents.update(admin.accountId(), agentId, changes))
                        .flatMap(agent -> audit.record(admin.accountId(), admin.agentId(), "agent.updated", "agent", agent.id(),
                                        ApiProblems.auditDetails("displayName", changes.displayName(), "role", changes.role(),
                                                "capacityOverride", changes.setCapacity() ? String.valueOf(changes.capacityOverride()) : null))
                                // A new capacity may let the queue move; run it now rather than at the next trigger.
                                .then(changes.setCapacity() ? queues.assignNow(admin.accountId()).then() : Mono.empty())
                                .thenReturn(AgentView.of(agent))));
    }
}
