package dev.parley.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import dev.parley.security.SecurityProperties;
import dev.parley.shared.Ids;
import dev.parley.shared.Secrets;
import dev.parley.shared.Times;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sign-in rate limit, per email and per client address, counted in the database so that it
 * holds across nodes.
 *
 * <p>Every attempt is written before the password is checked and counted together with the
 * attempts in flight, so parallel requests cannot slip past the limit. A successful attempt, or
 * one refused by the limit itself, is deleted again: only failures count.
 */
@Component
class LoginThrottle {

    /** Old attempts are deleted at most this often per node. */
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    /** Bounds the rows one check reads; far above any limit worth configuring. */
    private static final int MAX_COUNTED = 1000;

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration window;
    private final int maxPerEmail;
    private final int maxPerAddress;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.EPOCH);

    LoginThrottle(DatabaseClient db, SecurityProperties properties, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.window = properties.loginFailureWindow();
        this.maxPerEmail = properties.loginMaxFailuresPerEmail();
        this.maxPerAddress = properties.loginMaxFailuresPerAddress();
    }

    /** A recorded attempt: a failure unless {@link #succeeded} is called. */
    final class Attempt {

        private final List<String> rowIds;

        private Attempt(List<String> rowIds) {
            this.rowIds = rowIds;
        }

        Mono<Void> succeeded() {
            return Flux.fromIterable(rowIds)
                    .concatMap(id -> db.sql("DELETE FROM login_attempts WHERE id = :id").bind("id", id).then())
                    .then();
        }
    }

    private record Subject(String key, int max, String rowId) {
    }

    private record Counted(String id, Instant at) {
    }

    /** Records an attempt; fails with a 429 problem carrying Retry-After when email or address is over its limit. */
    Mono<Attempt> begin(String email, String address) {
        Instant now = clock.instant();
        Subject byEmail = new Subject(Secrets.sha256("email:" + email.trim().toLowerCase(Locale.ROOT)), maxPerEmail, Ids.next(clock));
        Subject byAddress = new Subject(Secrets.sha256("address:" + address), maxPerAddress, Ids.next(clock));
        Attempt attempt = new Attempt(List.of(byEmail.rowId(), byAddress.rowId()));
        return sweep(now)
                .then(insert(byEmail, now))
                .then(insert(byAddress, now))
                .then(Mono.zip(wait(byEmail, now), wait(byAddress, now), (a, b) -> a.compareTo(b) >= 0 ? a : b))
                .flatMap(wait -> wait.isZero() ? Mono.just(attempt) : attempt.succeeded().then(Mono.error(tooMany(wait))));
    }

    private Mono<Void> insert(Subject subject, Instant now) {
        return db.sql("INSERT INTO login_attempts (id, subject_key, attempted_at) VALUES (:id, :key, :at)")
                .bind("id", subject.rowId())
                .bind("key", subject.key())
                .bind("at", Times.toDb(now))
                .then();
    }

    /** Zero when this attempt is within the limit; else how long until the oldest counted attempts leave the window. */
    private Mono<Duration> wait(Subject subject, Instant now) {
        return db.sql("SELECT id, attempted_at FROM login_attempts WHERE subject_key = :key AND attempted_at > :since"
                        + " ORDER BY attempted_at LIMIT :limit")
                .bind("key", subject.key())
                .bind("since", Times.toDb(now.minus(window)))
                .bind("limit", MAX_COUNTED)
                .map(row -> new Counted(row.get("id", String.class), Times.fromDb(row.get("attempted_at", LocalDateTime.class))))
                .all()
                .filter(counted -> !counted.id().equals(subject.rowId()))
                .map(Counted::at)
                .collectList()
                .map(earlier -> {
                    int others = earlier.size();
                    if (others < subject.max()) {
                        return Duration.ZERO;
                    }
                    // One more attempt fits once all but max - 1 of the others have left the window.
                    Duration wait = Duration.between(now, earlier.get(others - subject.max()).plus(window));
                    return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
                });
    }

    private Mono<Void> sweep(Instant now) {
        Instant last = lastSweep.get();
        if (now.isBefore(last.plus(SWEEP_INTERVAL)) || !lastSweep.compareAndSet(last, now)) {
            return Mono.empty();
        }
        return db.sql("DELETE FROM login_attempts WHERE attempted_at < :cutoff")
                .bind("cutoff", Times.toDb(now.minus(window)))
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    private static ErrorResponseException tooMany(Duration wait) {
        ErrorResponseException problem = Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                "Too many failed sign-ins; try again later");
        // Whole seconds, rounded up, so a client that waits exactly this long is let in.
        long seconds = (wait.toMillis() + 999) / 1000;
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
        return problem;
    }
}
