package dev.parley.agentgateway.internal;

import java.time.Instant;
import java.util.List;

import dev.parley.agent.Role;
import dev.parley.canned.CannedDraft;
import dev.parley.canned.CannedResponse;
import dev.parley.canned.CannedResponses;
import dev.parley.canned.Editor;
import dev.parley.security.AgentPrincipal;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * The console's canned responses: the account's shared ones (admins edit them) and the agent's
 * own. Another agent's personal response answers like one that does not exist.
 */
@Controller
class CannedRoutes {

    private final CannedResponses canned;

    CannedRoutes(CannedResponses canned) {
        this.canned = canned;
    }

    /** {@code scope}: {@code shared} or {@code personal}. */
    record View(String id, String scope, String shortcut, String title, String body, Instant updatedAt) {
        static View of(CannedResponse c) {
            return new View(c.id(), c.shared() ? "shared" : "personal", c.shortcut(), c.title(), c.body(), c.updatedAt());
        }
    }

    record Deleted(String id) {
    }

    @MessageMapping("canned.list")
    Mono<List<View>> list(@AuthenticationPrincipal AgentPrincipal agent) {
        return canned.available(agent.accountId(), agent.agentId()).map(View::of).collectList();
    }

    @MessageMapping("canned.create")
    Mono<View> create(@AuthenticationPrincipal AgentPrincipal agent, Requests.CannedCreate request) {
        String scope = request.scope() == null ? "personal" : request.scope();
        if (!scope.equals("personal") && !scope.equals("shared")) {
            return Mono.error(GatewayException.invalid("scope must be personal or shared"));
        }
        return canned.create(editor(agent), scope.equals("shared"), new CannedDraft(request.shortcut(), request.title(), request.body()))
                .map(View::of);
    }

    @MessageMapping("canned.update")
    Mono<View> update(@AuthenticationPrincipal AgentPrincipal agent, Requests.CannedUpdate request) {
        return canned.update(editor(agent), request.id(), new CannedDraft(request.shortcut(), request.title(), request.body()))
                .map(View::of);
    }

    @MessageMapping("canned.delete")
    Mono<Deleted> delete(@AuthenticationPrincipal AgentPrincipal agent, Requests.CannedRef request) {
        return canned.delete(editor(agent), request.id()).thenReturn(new Deleted(request.id()));
    }

    private static Editor editor(AgentPrincipal agent) {
        return new Editor(agent.accountId(), agent.agentId(), agent.role() == Role.ADMIN);
    }
}
