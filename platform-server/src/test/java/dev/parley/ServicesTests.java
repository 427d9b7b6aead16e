package dev.parley;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.parley.testing.TestBackend;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Proves, in the test output, which real services the suite ran on. With
 * {@code PARLEY_IT_REQUIRE_SERVICES=true} a missing MariaDB or Redis fails here instead of skipping.
 */
class ServicesTests {

    @Test
    void mariaDbIsReachableWhenConfigured() throws Exception {
        TestBackend.checkRequiredServices();
        assumeThat(TestBackend.mariaDbConfigured()).as("PARLEY_IT_DB_URL is not set: the suite runs on embedded H2").isTrue();
        URI uri = URI.create(System.getenv("PARLEY_IT_DB_URL"));
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://" + uri.getHost() + ":" + uri.getPort() + "/",
                System.getenv("PARLEY_IT_DB_USERNAME"), System.getenv("PARLEY_IT_DB_PASSWORD"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT VERSION()")) {
            assertThat(rows.next()).isTrue();
            System.out.println("[services] integration tests run on MariaDB " + rows.getString(1));
        }
    }

    @Test
    void redisIsReachableWhenConfigured() {
        TestBackend.checkRequiredServices();
        assumeThat(TestBackend.redisConfigured()).as("PARLEY_IT_REDIS_URL is not set: the suite runs on the in-process bus").isTrue();
        RedisClient client = RedisClient.create(TestBackend.redisUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
            String info = connection.sync().info("server");
            String version = info.lines().filter(line -> line.startsWith("redis_version:")).findFirst().orElse("?");
            System.out.println("[services] integration tests run on Redis " + version);
        }
        finally {
            client.shutdown();
        }
    }
}
