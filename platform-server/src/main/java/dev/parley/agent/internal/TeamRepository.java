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
