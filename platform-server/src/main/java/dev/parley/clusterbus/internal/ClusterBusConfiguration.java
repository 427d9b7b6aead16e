package dev.parley.clusterbus.internal;

import dev.parley.clusterbus.ClusterBusProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

@Configuration(proxyBeanMethods = false)
class ClusterBusConfiguration {

    private static final String REDIS_CONFIGURED = "!'${parley.redis.url:}'.isBlank()";

    /** One node: events are method calls. */
    @Bean
    @ConditionalOnExpression("!(" + REDIS_CONFIGURED + ")")
    InProcessClusterBus inProcessClusterBus(ApplicationEventPublisher localListeners) {
        return new InProcessClusterBus(localListeners);
    }

    /** Several nodes: events travel through Redis. */
    @Bean
    @ConditionalOnExpression(REDIS_CONFIGURED)
    RedisClusterBus redisClusterBus(ClusterBusProperties properties, ApplicationEventPublisher localListeners, MeterRegistry meters) {
        RedisClusterBus bus = new RedisClusterBus(properties, EventCodec.scanning("dev.parley", properties.maxEventBytes()), localListeners);
        String[] names = {"published", "dropped", "received", "skipped"};
        String[] descriptions = {"Events sent to Redis for other nodes", "Events not sent for want of a Redis connection or backlog room",
            "Events received from other nodes", "Events that could not be encoded or decoded, or were too large"};
        for (int i = 0; i < names.length; i++) {
            int index = i;
            FunctionCounter.builder("parley.bus." + names[i], bus, b -> b.counts()[index]).description(descriptions[i]).register(meters);
        }
        Gauge.builder("parley.bus.topics", bus, RedisClusterBus::topicCount).description("Redis channels this node subscribes to")
                .register(meters);
        Gauge.builder("parley.bus.connected", bus, b -> b.connected() ? 1 : 0)
                .description("1 while the Redis subscription connection is up").register(meters);
        return bus;
    }

    /**
     * Built here rather than by Spring Boot's Redis auto-configuration (excluded in application.yml),
     * which would connect to localhost:6379 even when no Redis is configured and report the health
     * of a server nobody asked for.
     */
    @Bean
    @ConditionalOnExpression(REDIS_CONFIGURED)
    LettuceConnectionFactory redisConnectionFactory(ClusterBusProperties properties) {
        RedisConfiguration configuration = LettuceConnectionFactory.createRedisConfiguration(properties.url());
        return new LettuceConnectionFactory(configuration);
    }
}
