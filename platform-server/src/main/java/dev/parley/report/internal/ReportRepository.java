package dev.parley.report.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import dev.parley.report.GroupBy;
import dev.parley.shared.Times;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The report's queries, over {@code conversations}. Only fixed SQL fragments are put together (the
 * group column from {@link GroupBy}, a clause per filter given); every value is bound.
 * Conversations are picked through the account's {@code (account_id, created_at)} index.
 */
@Repository
public class ReportRepository {

    private final DatabaseClient db;

    ReportRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Which conversations: the account's, created in [from, to), with the optional filters. */
    public record Scope(String accountId, Instant from, Instant to, GroupBy groupBy, String siteId, String teamId, String agentId) {

        String group() {
            return switch (groupBy) {
                case NONE -> "''";
                case SITE -> "site_id";
                case TEAM -> "COALESCE(team_id, '')";
                case AGENT -> "COALESCE(assigned_agent_id, '')";
            };
        }

        String where() {
            return " WHERE account_id = :account AND created_at >= :from AND created_at < :to"
                    + (siteId == null ? "" : " AND site_id = :site")
                    + (teamId == null ? "" : " AND team_id = :team")
                    + (agentId == null ? "" : " AND assigned_agent_id = :agent");
        }

        DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
            spec = spec.bind("account", accountId).bind("from", Times.toDb(from)).bind("to", Times.toDb(to));
            if (siteId != null) {
                spec = spec.bind("site", siteId);
            }
            if (teamId != null) {
                spec = spec.bind("team", teamId);
            }
            return agentId == null ? spec : spec.bind("agent", agentId);
        }
    }

    /** A group and a value. */
    public record Value(String group, long value) {
    }

    /** Each conversation's group and creation time, in no particular order. */
    public Flux<Map.Entry<String, Instant>> created(Scope scope) {
        return scope.bind(db.sql("SELECT " + scope.group() + " AS grp, created_at FROM conversations" + scope.where()))
                .map(row -> Map.entry(row.get("grp", String.class), Times.fromDb(row.get("created_at", LocalDateTime.class))))
                .all();
    }

    /** How many conversations of each group have {@code end} set. */
    public Mono<Map<String, Long>> counts(Scope scope, String end) {
        return scope.bind(db.sql("SELECT " + scope.group() + " AS grp, COUNT(*) AS n FROM conversations" + scope.where()
                        + " AND " + end + " IS NOT NULL GROUP BY " + scope.group()))
                .map(row -> Map.entry(row.get("grp", String.class), number(row.get("n")).longValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    /**
     * Microseconds from {@code start} to {@code end} of each conversation that has both, sorted by
     * group and then value, so rows of a group come together and in order.
     */
    public Flux<Value> durations(Scope scope, String start, String end) {
        String duration = "TIMESTAMPDIFF(MICROSECOND, " + start + ", " + end + ")";
        return scope.bind(db.sql("SELECT " + scope.group() + " AS grp, " + duration + " AS d FROM conversations" + scope.where()
                        + " AND " + end + " IS NOT NULL AND " + start + " IS NOT NULL ORDER BY grp, d"))
                .map(row -> new Value(row.get("grp", String.class), number(row.get("d")).longValue()))
                .all();
    }

    /** A group's ratings: how many, and their sum. */
    public record Ratings(String group, long count, long sum) {
    }

    public Flux<Ratings> ratings(Scope scope) {
        return scope.bind(db.sql("SELECT " + scope.group() + " AS grp, COUNT(rating) AS n, SUM(rating) AS s FROM conversations"
                        + scope.where() + " AND rating IS NOT NULL GROUP BY " + scope.group()))
                .map(row -> new Ratings(row.get("grp", String.class), number(row.get("n")).longValue(), number(row.get("s")).longValue()))
                .all();
    }

    /** The names of the account's sites, teams or agents, by id. */
    public Mono<Map<String, String>> names(String accountId, GroupBy groupBy) {
        String table = switch (groupBy) {
            case SITE -> "sites";
            case TEAM -> "teams";
            case AGENT -> "agents";
            case NONE -> null;
        };
        if (table == null) {
            return Mono.just(Map.of());
        }
        String name = groupBy == GroupBy.AGENT ? "display_name" : "name";
        return db.sql("SELECT id, " + name + " AS name FROM " + table + " WHERE account_id = :account")
                .bind("account", accountId)
                .map(row -> Map.entry(row.get("id", String.class), row.get("name", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static Number number(Object value) {
        return value == null ? 0L : (Number) value;
    }
}
