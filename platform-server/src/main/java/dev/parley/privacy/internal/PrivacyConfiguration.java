package dev.parley.privacy.internal;

import java.time.Clock;

import dev.parley.audit.AuditLog;
import dev.parley.privacy.PrivacyProperties;
import dev.parley.site.Sites;
import dev.parley.webhook.Webhooks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    @Bean
    RetentionJob retentionJob(Sites sites, PrivacyRepository repository, JobLeases leases, Webhooks webhooks, AuditLog audit,
            TransactionalOperator tx, PrivacyProperties properties, Clock clock) {
        return new RetentionJob(sites, repository, leases, webhooks, audit, tx, properties, clock);
    }

    @Bean
    RetentionSchedule retentionSchedule(RetentionJob job, PrivacyProperties properties) {
        return new RetentionSchedule(job, properties.retentionInterval());
    }
}
