package dev.parley.admin.internal;

import java.util.List;

import dev.parley.agent.Team;
import dev.parley.agent.Teams;
import dev.parley.audit.AuditLog;
import dev.parley.conversation.Conversations;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.RequestFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The account's teams and their members. A team that still receives chats cannot be deleted. */
@RestController
@RequestMapping("/api/v1/admin/teams")
class TeamsApi {

    /** The schema's column size. */
    static final int MAX_NAME = 200;

    private final Teams teams;
    private final Conversations conversations;
    private final AuditLog audit;

    TeamsApi(Teams teams, Conversations conversations, AuditLog audit) {
        this.teams = teams;
        this.conversations = conversations;
        this.audit = audit;
    }

    /** Every team of the account, by name; an account has few, so this list is not paginated. */
    @GetMapping
    Mono<List<Team>> list(@AuthenticationPrincipal AgentPrincipal admin) {
        return teams.forAccount(admin.accountId()).map(TeamsApi::view).collectList();
    }

    @GetMapping("/{teamId}")
    Mono<Team> get(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String teamId) {
        return team(admin, teamId).map(TeamsApi::view);
    }

    @PostMapping
    Mono<ResponseEntity<Team>> create(@AuthenticationPrincipal AgentPrincipal admin, @RequestBody JsonNode body) {
        String name = name(body);
        return teams.create(admin.accountId(), name)
                .onErrorMap(IllegalStateException.class, taken -> ApiProblems.conflict("name_taken", "A team of that name exists"))
                .flatMap(team -> audit.record(admin.accountId(), admin.agentId(), "team.created", "team", team.id(),
                        ApiProblems.auditDetails("name", team.name())).thenReturn(team))
                .map(team -> ResponseEntity.status(HttpStatus.CREATED).body(view(team)));
    }

    @PatchMapping("/{teamId}")
    Mono<Team> rename(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String teamId, @RequestBody JsonNode body) {
        String name = name(body);
        return teams.rename(admin.accountId(), teamId, name)
                .onErrorMap(IllegalStateException.class, taken -> ApiProblems.conflict("name_taken", "A team of that name exists"))
                .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("team")))
                .flatMap(team -> audit.record(admin.accountId(), admin.agentId(), "team.renamed", "team", team.id(),
                        ApiProblems.auditDetails("name", team.name())).thenReturn(view(team)));
    }

    /** Refused with 409 {@code team_in_use} while a site routes to the team or open conversations wait in it. */
    @DeleteMapping("/{teamId}")
    Mono<ResponseEntity<Void>> delete(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String teamId) {
        return team(admin, teamId)
                .flatMap(team -> teams.inUse(team.id()).flatMap(used -> used
                        ? Mono.error(ApiProblems.conflict("team_in_use",
                                "A site's queue settings or open conversations still use this team; move them first"))
                        : conversations.detachTeam(admin.accountId(), team.id()).then(teams.delete(admin.accountId(), team.id()))))
                .flatMap(team -> audit.record(admin.accountId(), admin.agentId(), "team.deleted", "team", team.id(),
                        ApiProblems.auditDetails("name", team.name())))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** Adds an agent of the account; adding a member again changes nothing. */
    @PutMapping("/{teamId}/members/{agentId}")
    Mono<Team> addMember(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String teamId, @PathVariable String agentId) {
        return teams.addMember(admin.accountId(), teamId, agentId)
                .switchIfEmpty(Mono.error(() -> ApiProblems.of(HttpStatus.NOT_FOUND, "not_found", "No such team or agent")))
                .flatMap(team -> audit.record(admin.accountId(), admin.agentId(), "team.member_added", "team", team.id(),
                        ApiProblems.auditDetails("agentId", agentId)).thenReturn(view(team)));
    }

    @DeleteMapping("/{teamId}/members/{agentId}")
    Mono<Team> removeMember(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String teamId, @PathVariable String agentId) {
        return teams.removeMember(admin.accountId(), teamId, agentId)
                .switchIfEmpty(Mono.error(() -> ApiProblems.of(HttpStatus.NOT_FOUND, "not_found", "No such team or agent")))
                .flatMap(team -> audit.record(admin.accountId(), admin.agentId(), "team.member_removed", "team", team.id(),
                        ApiProblems.auditDetails("agentId", agentId)).thenReturn(view(team)));
    }

    private Mono<Team> team(AgentPrincipal admin, String teamId) {
        return teams.find(admin.accountId(), teamId).switchIfEmpty(Mono.error(() -> ApiProblems.notFound("team")));
    }

    private static String name(JsonNode body) {
        RequestFields f = RequestFields.of(body);
        String name = f.text("name", MAX_NAME, true);
        f.check();
        return name;
    }

    /** Without the account id: the caller knows their account. */
    private static Team view(Team team) {
        return new Team(team.id(), null, team.name(), team.memberIds());
    }
}
