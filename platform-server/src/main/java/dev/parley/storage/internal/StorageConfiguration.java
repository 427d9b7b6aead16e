package dev.parley.storage.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.parley.storage.PriorityDatabase;
import dev.parley.storage.StorageProperties;
import io.asyncer.r2dbc.mysql.MySqlConnectionConfiguration;
import io.asyncer.r2dbc.mysql.MySqlConnectionFactory;
import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Builds the connection pool and migrates the schema first: the pool is only handed out once
 * Flyway has finished, so no query can run against an old schema.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    /** H2 options that make it accept the MySQL dialect the migrations and queries are written in. */
    private static final String H2_OPTIONS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"
            // Concurrent writers queue on a conversation's row lock; H2's 1 s default is too short under load.
            + ";LOCK_TIMEOUT=10000";

    /** A connection idle this long is closed, so a quiet node holds few. */
    private static final Duration MAX_IDLE = Duration.ofMinutes(5);

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(StorageProperties properties) {
        if (properties.embedded()) {
            Path file = dataFile(properties);
            createDirectories(file.getParent());
            migrate("jdbc:h2:file:" + file + H2_OPTIONS, "sa", "");
            log.info("Database: embedded H2 at {}.mv.db", file);
        }
        else {
            DatabaseUrl url = DatabaseUrl.parse(properties.url());
            migrate(url.jdbcUrl(), properties.username(), properties.password());
            log.info("Database: MySQL/MariaDB at {}:{}/{}", url.host(), url.port(), url.database());
        }
        return pool("parley", properties.poolMaxSize(), properties);
    }

    /** Takes the main pool so that it is built after the migrations, which the main pool runs first. */
    @Bean
    PriorityDatabase priorityDatabase(ConnectionPool connectionFactory, StorageProperties properties) {
        return new PriorityDatabase(pool("parley-priority", properties.priorityPoolMaxSize(), properties));
    }

    private static ConnectionPool pool(String name, int maxSize, StorageProperties properties) {
        ConnectionFactory raw = properties.embedded() ? embedded(dataFile(properties), name)
                : mysql(DatabaseUrl.parse(properties.url()), properties);
        ConnectionPoolConfiguration pool = ConnectionPoolConfiguration.builder(raw)
                .name(name)
                .initialSize(1)
                .maxSize(maxSize)
                .maxIdleTime(MAX_IDLE)
                .maxAcquireTime(properties.acquireTimeout())
                .maxCreateConnectionTime(properties.acquireTimeout())
                // Checked on every acquire, so it must not cost a round trip: a validation query
                // was half of all statements under load. A connection the server closed is seen as
                // closed locally; maxIdleTime retires connections before MariaDB's wait_timeout.
                .validationDepth(ValidationDepth.LOCAL)
                .build();
        return new ConnectionPool(pool);
    }

    private static Path dataFile(StorageProperties properties) {
        return properties.dataDir().toAbsolutePath().normalize().resolve("parley");
    }

    @Bean
    DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
        return DatabaseClient.create(connectionFactory);
    }

    @Bean
    ReactiveTransactionManager transactionManager(ConnectionFactory connectionFactory) {
        return new R2dbcTransactionManager(connectionFactory);
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    private static ConnectionFactory embedded(Path file, String name) {
        H2ConnectionFactory h2 = new H2ConnectionFactory(H2ConnectionConfiguration.builder()
                .url("file:" + file + H2_OPTIONS)
                .username("sa")
                .build());
        // A thread per pooled connection: H2 work never runs on an event loop, nor waits behind another connection's.
        return new OffloadingConnectionFactory(h2, name + "-h2");
    }

    private static ConnectionFactory mysql(DatabaseUrl url, StorageProperties properties) {
        MySqlConnectionConfiguration.Builder config = MySqlConnectionConfiguration.builder()
                .host(url.host())
                .port(url.port())
                .database(url.database())
                .user(properties.username())
                .password(properties.password())
                .connectTimeout(properties.acquireTimeout())
                .tcpNoDelay(true)
                .tcpKeepAlive(true)
                .connectionTimeZone("UTC");
        return new ReleaseWithoutPing(MySqlConnectionFactory.from(config.build()));
    }

    private static void migrate(String jdbcUrl, String user, String password) {
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + dir, e);
        }
    }
}
