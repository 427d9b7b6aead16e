package dev.parley.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The defaults are the documented ones (docs/operations.md). The user is bound here, not where a
 * connection is made, so the migrations and the pools connect as the same one when none is named.
 */
class StoragePropertiesTests {

    @Test
    void defaultsAreTheDocumentedOnes() {
        StorageProperties embedded = bind(Map.of());
        assertThat(embedded.embedded()).isTrue();
        assertThat(embedded.dataDir().normalize()).isEqualTo(Path.of("data"));
        assertThat(embedded.poolMaxSize()).isEqualTo(20);
        assertThat(embedded.priorityPoolMaxSize()).isEqualTo(8);
        assertThat(embedded.acquireTimeout()).isEqualTo(Duration.ofSeconds(5));

        StorageProperties mysql = bind(Map.of("parley.db.url", "mysql://db.internal:3306/parley"));
        assertThat(mysql.embedded()).isFalse();
        assertThat(mysql.username()).isEqualTo("root");
        assertThat(mysql.password()).isNull();
        assertThat(bind(Map.of("parley.db.url", "mysql://db.internal/parley", "parley.db.username", "parley")).username())
                .isEqualTo("parley");
    }

    @Test
    void poolsOfNoConnectionsAreRefused() {
        assertThatThrownBy(() -> bind(Map.of("parley.db.pool-max-size", "0"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("parley.db.priority-pool-max-size", "0"))).isInstanceOf(BindException.class);
    }

    private static StorageProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("parley.db", StorageProperties.class);
    }
}
