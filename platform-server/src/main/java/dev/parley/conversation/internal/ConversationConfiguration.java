package dev.parley.conversation.internal;

import java.time.Clock;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.ConversationProperties;
import dev.parley.storage.PriorityDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

    @Bean
    MessageWriter messageWriter(PriorityDatabase priority, ConversationRepository repository, ClusterBus bus, Clock clock,
            ConversationProperties properties, MeterRegistry meters) {
        // On the priority pool: a message's commit never queues behind a burst of reads, and its
        // read-committed transactions keep parallel batches from deadlocking each other.
        BatchWriter writer = new BatchWriter(priority.client(), priority.transactions(), repository.rows(), clock);
        return new MessageWriter(writer::commit, bus, meters, properties.lanes(), properties.writerMaxBatch(),
                properties.writerMaxPending(), properties.writerParallelBacklog());
    }

    @Bean
    ConversationStreams conversationStreams(ClusterBus bus, MessageRepository messages, ConversationProperties properties) {
        return new ConversationStreams(bus, messages, properties.resumeMaxMessages());
    }

    @Bean
    ConversationLifecycle conversationLifecycle(ConversationRepository repository, MessageWriter writer, ClusterBus bus, Clock clock) {
        return new ConversationLifecycle(repository, writer, bus, clock);
    }
}
