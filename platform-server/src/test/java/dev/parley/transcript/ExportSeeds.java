package dev.parley.transcript;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;

import dev.parley.shared.Ids;
import dev.parley.shared.Times;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Conversations and messages written straight into the database, with the creation times and
 * states an export test needs (test code: it blocks). Messages go in 100-row statements, so
 * hundreds of thousands take seconds.
 */
public final class ExportSeeds {

    static final Duration WAIT = Duration.ofMinutes(2);
    static final int BATCH = 100;

    private final DatabaseClient db;

    public ExportSeeds(ApplicationContext context) {
        this.db = context.getBean(DatabaseClient.class);
    }

    /** A conversation created at {@code createdAt}; {@code teamId} and {@code agentId} may be null. */
    public String conversation(String accountId, String siteId, String visitorId, String teamId, String agentId, String status, Instant createdAt) {
        String id = Ids.next();
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO conversations (id, account_id, site_id, visitor_id, team_id, status,"
                        + " assigned_agent_id, created_at, closed_at, last_activity_at) VALUES (:id, :account, :site, :visitor, :team,"
                        + " :status, :agent, :at, :closed, :at)")
                .bind("id", id)
                .bind("account", accountId)
                .bind("site", siteId)
                .bind("visitor", visitorId)
                .bind("status", status)
                .bind("at", Times.toDb(createdAt));
        spec = teamId == null ? spec.bindNull("team", String.class) : spec.bind("team", teamId);
        spec = agentId == null ? spec.bindNull("agent", String.class) : spec.bind("agent", agentId);
        spec = status.equals("CLOSED") ? spec.bind("closed", Times.toDb(createdAt.plusSeconds(600)))
                : spec.bindNull("closed", java.time.LocalDateTime.class);
        spec.then().block(WAIT);
        return id;
    }

    /** {@code count} messages, alternately from the visitor and agent "Alice", bodies from {@code body}. */
    public void messages(String conversationId, Instant start, int count, IntFunction<String> body) {
        for (int from = 1; from <= count; from += BATCH) {
            int to = Math.min(count, from + BATCH - 1);
            StringBuilder sql = new StringBuilder("INSERT INTO messages (conversation_id, seq, client_msg_id, author_kind, author_name, kind,"
                    + " body, created_at) VALUES ");
            for (int seq = from; seq <= to; seq++) {
                sql.append(seq == from ? "" : ", ").append("(:c, :s").append(seq).append(", :s").append(seq).append("c, :k").append(seq)
                        .append(", :n").append(seq).append(", 'TEXT', :b").append(seq).append(", :t").append(seq).append(')');
            }
            DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("c", conversationId);
            for (int seq = from; seq <= to; seq++) {
                boolean visitor = seq % 2 == 1;
                spec = spec.bind("s" + seq, (long) seq).bind("s" + seq + "c", "m" + seq)
                        .bind("k" + seq, visitor ? "VISITOR" : "AGENT")
                        .bind("b" + seq, body.apply(seq))
                        .bind("t" + seq, Times.toDb(start.plusMillis(seq)));
                spec = visitor ? spec.bindNull("n" + seq, String.class) : spec.bind("n" + seq, "Alice");
            }
            spec.then().block(WAIT);
        }
        db.sql("UPDATE conversations SET last_seq = :n WHERE id = :id").bind("n", (long) count).bind("id", conversationId).then().block(WAIT);
    }
}
