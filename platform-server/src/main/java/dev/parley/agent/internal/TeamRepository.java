package dev.parley.agent.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.agent.Team;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** SQL for teams. Every statement binds its values. */
@Repository
public class TeamRepository {

    private final DatabaseClient db;

    TeamRepository(DatabaseClient db) {
        this.db = db;
    }

    public reactor.core.publisher.Mono<Void> insert(String id, String accountId, String name, java.time.Instant at) {
        return db.sql("INSERT INTO teams (id, account_id, name, created_at) VALUES (:id, :account, :name, :at)")
                .bind("id", id)
                .bind("account", accountId)
                .bind("name", name)
                .bind("at", dev.parley.shared.Times.toDb(at))
                .then();
    }

    public reactor.core.publisher.Mono<Void> rename(String accountId, String teamId, String name) {
        return db.sql("UPDATE teams SET name = :name WHERE id = :id AND account_id = :account")
                .bind("name", name)
                .bind("id", teamId)
                .bind("account", accountId)
                .then();
    }

    /** Deletes a team and its memberships; callers make sure nothing else refers to it. */
    public reactor.core.publisher.Mono<Void> delete(String accountId, String teamId) {
        return db.sql("DELETE FROM team_members WHERE team_id = :id AND team_id IN (SELECT id FROM teams WHERE account_id = :account)")
                .bind("id", teamId)
                .bind("account", accountId)
                .then()
                .then(db.sql("DELETE FROM teams WHERE id = :id AND account_id = :account")
                        .bind("id", teamId)
                        .bind("account", accountId)
                        .then());
    }

    /** Adds a member; adding one twice changes nothing. Both must be checked as the account's by the caller. */
    public reactor.core.publisher.Mono<Void> addMember(String teamId, String agentId) {
        return db.sql("INSERT INTO team_members (team_id, agent_id) VALUES (:team, :agent)")
                .bind("team", teamId)
                .bind("agent", agentId)
                .then()
                .onErrorResume(org.springframework.dao.DataIntegrityViolationException.class, already -> reactor.core.publisher.Mono.empty());
    }

    public reactor.core.publisher.Mono<Void> removeMember(String teamId, String agentId) {
        return db.sql("DELETE FROM team_members WHERE team_id = :team AND agent_id = :agent")
                .bind("team", teamId)
                .bind("agent", agentId)
                .then();
    }

    /** Whether open conversations or a site's queue settings send chats to the team. */
    public reactor.core.publisher.Mono<Boolean> inUse(String teamId) {
        return db.sql("SELECT (SELECT COUNT(*) FROM queue_settings WHERE team_id = :team)"
                        + " + (SELECT COUNT(*) FROM conversations WHERE team_id = :team AND status <> 'CLOSED') AS n")
                .bind("team", teamId)
                .map(row -> row.get("n", Number.class).longValue() > 0)
                .one();
    }

    public Flux<Team> forAccount(String accountId) {
        return db.sql("SELECT t.id, t.name, m.agent_id FROM teams t LEFT JOIN team_members m ON m.team_id = t.id"
                        + " WHERE t.account_id = :account ORDER BY t.name, t.id")
                .bind("account", accountId)
                .map(row -> new String[] {row.get("id", String.class), row.get("name", String.class), row.get("agent_id", String.class)})
                .all()
                .collect(LinkedHashMap<String, List<String[]>>::new, (map, r) -> map.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r))
                .flatMapMany(map -> Flux.fromIterable(((Map<String, List<String[]>>) map).values()).map(rows -> new Team(rows.get(0)[0],
                        accountId, rows.get(0)[1], rows.stream().map(r -> r[2]).filter(java.util.Objects::nonNull).toList())));
    }
}
