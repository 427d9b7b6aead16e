package dev.parley.conversation.internal;

import java.time.Clock;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.ConversationProperties;
import dev.parley.storage.PriorityDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

    @Bean
    MessageWriter messageWriter(PriorityDatabase priority, ConversationRepository repository, ClusterBus bus, Clock clock,
            ConversationProperties properties) {
        // On the priority pool: a message's commit never queues behind a burst of reads.
        BatchWriter writer = new BatchWriter(priority.client(), repository.rows(), clock);
        // Read committed: the lanes lock disjoint conversations, but under repeatable read their
        // updates also locked gaps in the indexes on last_activity_at, where neighbouring rows of
        // one account sit, and concurrent batches deadlocked. The seqs are read FOR UPDATE anyway.
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        return new MessageWriter(writer, TransactionalOperator.create(priority.transactions(), definition), bus,
                properties.writerLanes(), properties.writerMaxBatch(), properties.writerMaxPending());
    }

    @Bean
    ConversationStreams conversationStreams(ClusterBus bus, ConversationRepository repository, ConversationProperties properties) {
        return new ConversationStreams(bus, repository, properties.resumeMaxMessages());
    }
}
