package dev.parley.routing.internal;

import java.time.Duration;
import java.time.Instant;

import dev.parley.routing.BusinessHours;
import dev.parley.routing.QueueSettings;
import dev.parley.routing.RoutingPolicy;
import dev.parley.shared.Times;
import dev.parley.storage.PriorityDatabase;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** SQL for queue settings; a site without a row has {@link QueueSettings#defaults}. */
@Repository
public class QueueSettingsRepository {

    private static final String COLUMNS = "site_id, routing_policy, team_id, max_chats_per_agent, queue_timeout_seconds,"
            + " no_reply_timeout_seconds, auto_close_minutes, max_queue_length, business_hours";

    private final DatabaseClient db;
    private final JsonMapper json;

    /** On the priority pool: the assigner reads settings inside its transaction there. */
    QueueSettingsRepository(PriorityDatabase priority, JsonMapper json) {
        this.db = priority.client();
        this.json = json;
    }

    public Mono<QueueSettings> find(String siteId) {
        return db.sql("SELECT " + COLUMNS + " FROM queue_settings WHERE site_id = :site")
                .bind("site", siteId)
                .map(this::settings)
                .one();
    }

    public Flux<QueueSettings> all() {
        return db.sql("SELECT " + COLUMNS + " FROM queue_settings").map(this::settings).all();
    }

    /** Writes the settings: an update, or an insert when the site had none. */
    public Mono<Void> save(QueueSettings s, Instant now) {
        return bindAll(db.sql("UPDATE queue_settings SET routing_policy = :policy, team_id = :team, max_chats_per_agent = :max,"
                        + " queue_timeout_seconds = :queueTimeout, no_reply_timeout_seconds = :noReply, auto_close_minutes = :autoClose,"
                        + " max_queue_length = :maxQueue, business_hours = :hours, updated_at = :now WHERE site_id = :site"), s, now)
                .fetch().rowsUpdated()
                .flatMap(updated -> updated > 0 ? Mono.empty() : bindAll(db.sql("INSERT INTO queue_settings (" + COLUMNS + ", updated_at)"
                        + " VALUES (:site, :policy, :team, :max, :queueTimeout, :noReply, :autoClose, :maxQueue, :hours, :now)"), s, now).then());
    }

    private DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, QueueSettings s, Instant now) {
        return spec.bind("site", s.siteId())
                .bind("policy", s.policy().name())
                .bind("team", Parameter.fromOrEmpty(s.teamId(), String.class))
                .bind("max", s.maxChatsPerAgent())
                .bind("queueTimeout", s.queueTimeout().getSeconds())
                .bind("noReply", Parameter.fromOrEmpty(s.noReplyTimeout() == null ? null : s.noReplyTimeout().getSeconds(), Long.class))
                .bind("autoClose", Parameter.fromOrEmpty(s.autoClose() == null ? null : s.autoClose().toMinutes(), Long.class))
                .bind("maxQueue", Parameter.fromOrEmpty(s.maxQueueLength(), Integer.class))
                .bind("hours", Parameter.fromOrEmpty(s.businessHours() == null ? null : json.writeValueAsString(s.businessHours()), String.class))
                .bind("now", Times.toDb(now));
    }

    private QueueSettings settings(Readable row) {
        Number noReply = row.get("no_reply_timeout_seconds", Number.class);
        Number autoClose = row.get("auto_close_minutes", Number.class);
        Number maxQueue = row.get("max_queue_length", Number.class);
        String hours = row.get("business_hours", String.class);
        return new QueueSettings(
                row.get("site_id", String.class),
                RoutingPolicy.valueOf(row.get("routing_policy", String.class)),
                row.get("team_id", String.class),
                row.get("max_chats_per_agent", Number.class).intValue(),
                Duration.ofSeconds(row.get("queue_timeout_seconds", Number.class).longValue()),
                noReply == null ? null : Duration.ofSeconds(noReply.longValue()),
                autoClose == null ? null : Duration.ofMinutes(autoClose.longValue()),
                maxQueue == null ? null : maxQueue.intValue(),
                hours == null ? null : json.readValue(hours, BusinessHours.class));
    }
}
