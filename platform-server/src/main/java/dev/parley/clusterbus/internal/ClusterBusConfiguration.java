package dev.parley.clusterbus.internal;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.clusterbus.ClusterBusProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

@Configuration(proxyBeanMethods = false)
class ClusterBusConfiguration {

    @Bean
    ClusterBus clusterBus(ApplicationEventPublisher localListeners) {
        return new InProcessClusterBus(localListeners);
    }

    /**
     * Built here rather than by Spring Boot's Redis auto-configuration (excluded in application.yml),
     * which would connect to localhost:6379 even when no Redis is configured and report the health
     * of a server nobody asked for.
     */
    @Bean
    @ConditionalOnExpression("!'${parley.redis.url:}'.isBlank()")
    LettuceConnectionFactory redisConnectionFactory(ClusterBusProperties properties) {
        RedisConfiguration configuration = LettuceConnectionFactory.createRedisConfiguration(properties.url());
        return new LettuceConnectionFactory(configuration);
    }
}
