package dev.parley.routing.internal;

import java.time.Clock;
import java.util.List;

import dev.parley.agent.AgentProperties;
import dev.parley.agent.Presence;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.Conversations;
import dev.parley.routing.RoutingProperties;
import dev.parley.storage.PriorityDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.util.retry.Retry;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    AccountLock accountLock(PriorityDatabase priority) {
        return new AccountLock(new RoutingLocks(priority.client()), priority.transactions());
    }

    @Bean
    SettingsCache routingSettingsCache(QueueSettingsRepository repository, ClusterBus bus, RoutingProperties properties) {
        return new SettingsCache(repository::find, bus, properties.settingsCacheTtl());
    }

    @Bean
    Announcements routingAnnouncements(Conversations conversations, ClusterBus bus) {
        return new Announcements(conversations, bus);
    }

    /** Who could take a chat now, for admission and wait estimates; the assigner reads its own under the lock. */
    @Bean
    FreshReads<String, List<Candidate>> availableAgents(RoutingRepository repository, Clock clock) {
        return new FreshReads<>(account -> repository.candidates(account, clock.instant()));
    }

    @Bean
    QueuePositions queuePositions(DatabaseClient db, ClusterBus bus, RoutingRepository repository,
            FreshReads<String, List<Candidate>> availableAgents, SettingsCache settings, Clock clock, RoutingProperties properties) {
        return new QueuePositions(db, bus, new EtaEstimator(repository, availableAgents, clock, properties.defaultHandlingTime()), settings);
    }

    @Bean
    Assigner assigner(RoutingRepository repository, PriorityDatabase priority, SettingsCache settings, AccountLock lock,
            Announcements announcements, QueuePositions positions, Clock clock, RoutingProperties properties) {
        return new Assigner(repository, new BatchAssignments(priority.client()), settings, lock, announcements, positions, clock,
                properties.batchSize());
    }

    @Bean
    Admission admission(RoutingRepository repository, FreshReads<String, List<Candidate>> availableAgents, SettingsCache settings,
            Announcements announcements, Clock clock) {
        return new Admission(repository, availableAgents, settings, announcements, clock);
    }

    @Bean
    Reassignment reassignment(RoutingRepository repository, Announcements announcements, Assigner assigner, AccountLock lock,
            Clock clock) {
        return new Reassignment(repository, announcements, assigner, lock, clock);
    }

    @Bean
    RoutingTriggers routingTriggers(Assigner assigner, Admission admission, Reassignment reassignment, RoutingProperties properties) {
        return new RoutingTriggers(assigner, admission, reassignment,
                Retry.backoff(properties.admissionRetries(), properties.admissionRetryBackoff()));
    }

    @Bean
    Sweeper sweeper(Presence presence, SweepRepository due, QueueSettingsRepository settingsRepository, Reassignment reassignment,
            Announcements announcements, RoutingRepository repository, Conversations conversations, Assigner assigner,
            AgentProperties agents) {
        // Two renewal intervals: every node that is alive has renewed its leases at least once by then.
        return new Sweeper(presence, due, settingsRepository, reassignment, announcements, repository, conversations, assigner,
                agents.leaseRenewInterval().multipliedBy(2));
    }

    @Bean
    SweepSchedule sweepSchedule(Sweeper sweeper, Clock clock, RoutingProperties properties) {
        return new SweepSchedule(sweeper, clock, properties.sweepInterval());
    }

    @Bean
    RoutingEngine routingEngine(SettingsCache settings, QueueSettingsRepository settingsRepository, RoutingRepository repository,
            Assigner assigner, Admission admission, QueuePositions positions, Announcements announcements, Conversations conversations,
            AccountLock lock, Clock clock, Reassignment reassignment) {
        DirectAssignment direct = new DirectAssignment(repository, settings, conversations, lock, announcements, assigner, clock);
        return new RoutingEngine(settings, settingsRepository, repository, assigner, admission, positions, direct, announcements,
                conversations, lock, clock, reassignment);
    }
}
