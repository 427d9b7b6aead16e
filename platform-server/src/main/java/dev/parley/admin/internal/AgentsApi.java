package dev.parley.admin.internal;

import java.time.Instant;

import dev.parley.agent.Agent;
import dev.parley.agent.AgentChanges;
import dev.parley.agent.AgentDraft;
import dev.parley.agent.AgentStatus;
import dev.parley.agent.Agents;
import dev.parley.agent.Presence;
import dev.parley.agent.Role;
import dev.parley.audit.AuditLog;
import dev.parley.routing.Queues;
import dev.parley.security.AgentPrincipal;
import dev.parley.security.AgentSessions;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.RequestFields;
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

    /** The schema's column sizes. */
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 320;

    /** NIST SP 800-63B's floor for a chosen password is 8; ten is a little above it for an admin-set one. */
    static final int MIN_PASSWORD = 10;

    /** The sign-in API's ceiling: long passphrases, but never so long that hashing one is an attack. */
    static final int MAX_PASSWORD = 1024;

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
        RequestFields f = RequestFields.of(body);
        String email = f.text("email", MAX_EMAIL, true);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            f.fail("email", "email must be an email address");
        }
        String name = f.text("displayName", MAX_NAME, true);
        Role role = f.choice("role", Role.class, true);
        Integer capacity = f.integer("capacityOverride", 1, 100, false);
        boolean invite = Boolean.TRUE.equals(f.bool("invite"));
        String password = f.node("password") != null && f.node("password").isString() ? f.node("password").stringValue() : null;
        if (f.node("password") != null && (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD)) {
            f.fail("password", "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        if (invite && password != null) {
            f.fail("invite", "Send either a password or invite, not both");
        }
        f.check();
        Mono<Void> canInvite = invite ? invitations.available() : Mono.empty();
        return canInvite
                .then(agents.create(admin.accountId(), new AgentDraft(email, name, role, password, capacity)))
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
        return Mono.fromCallable(() -> changes(body))
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

    private static AgentChanges changes(JsonNode body) {
        RequestFields f = RequestFields.of(body);
        String name = f.text("displayName", MAX_NAME, false);
        if (f.has("displayName") && name == null && f.ok()) {
            f.fail("displayName", "displayName must not be blank");
        }
        Role role = f.choice("role", Role.class, false);
        Integer capacity = f.integer("capacityOverride", 1, 100, false);
        f.check();
        AgentChanges changes = new AgentChanges(name, role, f.has("capacityOverride"), capacity);
        if (changes.empty()) {
            throw ApiProblems.invalidField("body", "Name at least one of displayName, role, capacityOverride");
        }
        return changes;
    }
}
