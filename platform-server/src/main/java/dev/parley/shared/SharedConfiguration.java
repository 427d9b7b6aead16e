package dev.parley.shared;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SharedConfiguration {

    /**
     * Every module reads time from this bean, so tests can move it. It ticks in microseconds, the
     * precision the database keeps, so a time handed to a client equals the one read back later.
     */
    @Bean
    Clock clock() {
        return new MicrosecondClock(Clock.systemUTC());
    }

    /**
     * Boot's builder of the application's {@link JsonMapper}, every customizer applied in order, on a
     * factory that keeps Jackson's buffers per thread. Jackson 3's default pool only reuses a buffer
     * set that is handed back, and Spring's JSON encoder takes one per value without handing it back:
     * every RSocket reply then allocated fresh buffers, about 25 KB, a sixth of all the node allocated
     * at 2,000 msg/s. The I/O threads that encode are few and long-lived, so one set each is enough.
     */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
