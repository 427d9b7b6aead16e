package dev.parley.storage;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives ({@code parley.db.*}, or {@code PARLEY_DB_*} in the environment).
 *
 * @param url MySQL or MariaDB URL ({@code mysql://host:3306/parley}, {@code jdbc:mariadb://…} or
 *     {@code r2dbc:mysql://…}); empty runs on the embedded H2 file database
 * @param username database user for {@code url}
 * @param password database password for {@code url}
 * @param dataDir directory of the embedded database; relative paths resolve against the working
 *     directory
 * @param poolMaxSize most connections this node opens for requests and reads
 * @param priorityPoolMaxSize most connections this node opens for the message writer and routing, on top of
 *     {@code poolMaxSize}
 * @param acquireTimeout longest a query waits for a free connection before it fails
 */
@ConfigurationProperties("parley.db")
public record StorageProperties(
        String url,
        @DefaultValue(DEFAULT_USERNAME) String username,
        String password,
        @DefaultValue(DEFAULT_DATA_DIR) Path dataDir,
        @DefaultValue("" + DEFAULT_POOL_MAX_SIZE) int poolMaxSize,
        @DefaultValue("" + DEFAULT_PRIORITY_POOL_MAX_SIZE) int priorityPoolMaxSize,
        @DefaultValue(DEFAULT_ACQUIRE_TIMEOUT) Duration acquireTimeout) {

    /** MySQL's and MariaDB's own administrator, the one user every fresh server has. */
    static final String DEFAULT_USERNAME = "root";

    /** Next to wherever Parley was started, so a first run needs no setup. */
    static final String DEFAULT_DATA_DIR = "./data";

    /**
     * Requests and reads (catch-ups, histories, lookups) of a 2-core node; with the priority pool,
     * MariaDB's default max_connections of 151 leaves room for five nodes.
     */
    static final int DEFAULT_POOL_MAX_SIZE = 20;

    /**
     * The message writer's four lanes hold one connection each at most; routing (one transaction
     * per account at a time, under the account lock) and its reads of agents and settings get the rest.
     */
    static final int DEFAULT_PRIORITY_POOL_MAX_SIZE = 8;

    /**
     * Long enough to ride out a burst, short enough that a down database fails requests (which
     * clients retry) instead of queueing them without bound.
     */
    static final String DEFAULT_ACQUIRE_TIMEOUT = "5s";

    public StorageProperties {
        if (poolMaxSize < 1 || priorityPoolMaxSize < 1) {
            throw new IllegalArgumentException("parley.db.pool-max-size and parley.db.priority-pool-max-size must be at least 1");
        }
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
