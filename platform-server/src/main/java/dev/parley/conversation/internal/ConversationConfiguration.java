package dev.parley.conversation.internal;

import java.time.Clock;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.ConversationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

    @Bean
    MessageWriter messageWriter(DatabaseClient db, ConversationRepository repository, TransactionalOperator tx,
            ClusterBus bus, Clock clock, ConversationProperties properties) {
        BatchWriter writer = new BatchWriter(db, repository.rows(), clock);
        return new MessageWriter(writer, tx, bus, properties.writerLanes(), properties.writerMaxBatch(),
                properties.writerMaxPending());
    }

    @Bean
    ConversationStreams conversationStreams(ClusterBus bus, ConversationRepository repository, ConversationProperties properties) {
        return new ConversationStreams(bus, repository, properties.resumeMaxMessages());
    }
}
