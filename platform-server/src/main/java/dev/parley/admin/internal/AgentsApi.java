package dev.parley.admin.internal;

import java.time.Instant;

import dev.parley.agent.Agent;
import dev.parley.agent.AgentChanges;
import dev.parley.agent.Agents;
import dev.parley.agent.Role;
import dev.parley.audit.AuditLog;
import dev.parley.routing.Queues;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.RequestFields;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The account's agents: their name, role and capacity override. */
@RestController
@RequestMapping("/api/v1/admin/agents")
class AgentsApi {

    /** The schema's column size. */
    static final int MAX_NAME = 200;

    private final Agents agents;
    private final Queues queues;
    private final AuditLog audit;

    AgentsApi(Agents agents, Queues queues, AuditLog audit) {
        this.agents = agents;
        this.queues = queues;
        this.audit = audit;
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
                .flatMap(changes -> agents.update(admin.accountId(), agentId, changes)
                        .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("agent")))
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
