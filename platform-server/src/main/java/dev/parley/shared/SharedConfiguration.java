package dev.parley.shared;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SharedConfiguration {

    /** Every module reads time from this bean, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
