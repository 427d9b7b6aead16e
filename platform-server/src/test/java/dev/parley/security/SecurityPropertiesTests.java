package dev.parley.security;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings' defaults are the documented ones, and a revocation delay beyond 5 seconds is refused. */
class SecurityPropertiesTests {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SecurityProperties properties = bind(Map.of());
        assertThat(properties.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.refreshTokenLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(properties.loginMaxFailuresPerEmail()).isEqualTo(5);
        assertThat(properties.loginMaxFailuresPerAddress()).isEqualTo(5);
        assertThat(properties.loginFailureWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.revocationCacheTtl()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.oidcIssuerUri()).isNull();
        assertThat(properties.oidcAudience()).isNull();
        assertThat(properties.oidcEmailClaim()).isEqualTo("email");
        assertThat(properties.oidcRolesClaim()).isEqualTo("roles");
    }

    @Test
    void aRevocationCacheBeyondFiveSecondsOrNonPositiveLimitsAreRefused() {
        assertThatThrownBy(() -> bind(Map.of("parley.security.revocation-cache-ttl", "6s"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("parley.security.login-max-failures-per-email", "0"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("parley.security.access-token-lifetime", "0s"))).isInstanceOf(BindException.class);
        assertThat(bind(Map.of("parley.security.revocation-cache-ttl", "5s")).revocationCacheTtl()).isEqualTo(Duration.ofSeconds(5));
    }

    private static SecurityProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("parley.security", SecurityProperties.class);
    }
}
