package dev.parley.visitor.internal;

import java.time.Instant;
import java.time.LocalDateTime;

import dev.parley.shared.Times;
import dev.parley.visitor.PageView;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for the pages a visitor viewed, and the visitor's current page. Every statement binds its values. */
@Repository
public class PageViewRepository {

    private final DatabaseClient db;

    PageViewRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Records a page view and makes its URL the visitor's current page. */
    public Mono<Void> pageView(String id, String visitorId, String url, String title, String referrer, Instant at) {
        return db.sql("INSERT INTO page_views (id, visitor_id, url, title, referrer, viewed_at) VALUES (:id, :visitorId, :url,"
                        + " :title, :referrer, :at)")
                .bind("id", id)
                .bind("visitorId", visitorId)
                .bind("url", url)
                .bind("title", Parameter.fromOrEmpty(title, String.class))
                .bind("referrer", Parameter.fromOrEmpty(referrer, String.class))
                .bind("at", Times.toDb(at))
                .then()
                .then(db.sql("UPDATE visitors SET current_url = :url, last_seen_at = :at WHERE id = :visitorId")
                        .bind("url", url)
                        .bind("at", Times.toDb(at))
                        .bind("visitorId", visitorId)
                        .then());
    }

    /** The visitor's page views, newest first; nothing for a visitor of another account. */
    public Flux<PageView> pageViews(String accountId, String visitorId, int limit) {
        return db.sql("SELECT p.url, p.title, p.referrer, p.viewed_at FROM page_views p JOIN visitors v ON v.id = p.visitor_id"
                        + " WHERE p.visitor_id = :visitorId AND v.account_id = :accountId ORDER BY p.viewed_at DESC, p.id DESC LIMIT :limit")
                .bind("visitorId", visitorId)
                .bind("accountId", accountId)
                .bind("limit", limit)
                .map(row -> new PageView(row.get("url", String.class), row.get("title", String.class), row.get("referrer", String.class),
                        Times.fromDb(row.get("viewed_at", LocalDateTime.class))))
                .all();
    }
}
