package dev.parley.privacy.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.parley.audit.AuditLog;
import dev.parley.privacy.PrivacyProperties;
import dev.parley.privacy.RetentionRun;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.Ids;
import dev.parley.site.Account;
import dev.parley.site.Sites;
import dev.parley.webhook.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes closed conversations older than their account's retention, and prunes the webhook
 * delivery log. Runs only while this node holds the job's lease, so several nodes never delete at
 * once. Each batch is one transaction that locks its conversations first, so a conversation reopened
 * meanwhile is either kept whole or was deleted whole.
 */
public final class RetentionJob {

    static final String JOB = "retention";

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final Sites sites;
    private final PrivacyRepository repository;
    private final JobLeases leases;
    private final Webhooks webhooks;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final PrivacyProperties properties;
    private final Clock clock;
    private final String holder = "node-" + Ids.next();

    RetentionJob(Sites sites, PrivacyRepository repository, JobLeases leases, Webhooks webhooks, AuditLog audit,
            TransactionalOperator tx, PrivacyProperties properties, Clock clock) {
        this.sites = sites;
        this.repository = repository;
        this.leases = leases;
        this.webhooks = webhooks;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One run, if this node gets the lease: completes with what it deleted per account (nothing when
     * another node holds the lease). Never fails; a failed run is logged and the next one retries.
     */
    public Mono<List<RetentionRun>> run() {
        Instant now = clock.instant();
        return leases.acquire(JOB, holder, now, now.plus(properties.jobLease()))
                .flatMap(held -> !held ? Mono.just(List.<RetentionRun>of())
                        : sites.withRetention().concatMap(this::purge).collectList()
                                .flatMap(runs -> pruneLog().then(leases.release(JOB, holder)).thenReturn(runs)))
                .onErrorResume(e -> {
                    log.warn("Retention run failed; the next run retries: {}", e.toString());
                    return Mono.just(List.of());
                });
    }

    private Mono<RetentionRun> purge(Account account) {
        Instant cutoff = clock.instant().minus(Duration.ofDays(account.retentionDays()));
        return Flux.range(0, properties.retentionMaxBatches())
                .concatMap(i -> batch(account.id(), cutoff))
                .takeUntil(deleted -> deleted < properties.retentionBatchSize())
                .reduce(0L, Long::sum)
                .flatMap(total -> total == 0 ? Mono.just(total)
                        : audit.record(account.id(), null, "retention.purged", "account", account.id(),
                                ApiProblems.auditDetails("conversations", total, "retentionDays", account.retentionDays())).thenReturn(total))
                .map(total -> new RetentionRun(account.id(), account.retentionDays(), total));
    }

    private Mono<Long> batch(String accountId, Instant cutoff) {
        return tx.transactional(Mono.defer(() -> repository.lockClosedBefore(accountId, cutoff, properties.retentionBatchSize())
                .flatMap(ids -> webhooks.forgetConversations(ids).then(repository.deleteConversations(ids)).thenReturn((long) ids.size()))));
    }

    private Mono<Void> pruneLog() {
        return Flux.range(0, properties.retentionMaxBatches())
                .concatMap(i -> webhooks.pruneLog(properties.retentionBatchSize()))
                .takeUntil(n -> n < properties.retentionBatchSize())
                .then();
    }
}
