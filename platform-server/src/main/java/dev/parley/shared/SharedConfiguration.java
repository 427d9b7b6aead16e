package dev.parley.shared;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
