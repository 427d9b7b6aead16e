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
 * @param poolMaxSize most connections this node opens
 * @param acquireTimeout longest a query waits for a free connection before it fails
 */
@ConfigurationProperties("parley.db")
public record StorageProperties(
        String url,
        String username,
        String password,
        @DefaultValue(DEFAULT_DATA_DIR) Path dataDir,
        @DefaultValue("" + DEFAULT_POOL_MAX_SIZE) int poolMaxSize,
        @DefaultValue(DEFAULT_ACQUIRE_TIMEOUT) Duration acquireTimeout) {

    /** Next to wherever Parley was started, so a first run needs no setup. */
    static final String DEFAULT_DATA_DIR = "./data";

    /**
     * Four message-writer lanes plus reads and routing on a 2-core node; MariaDB's default
     * max_connections of 151 leaves room for several nodes.
     */
    static final int DEFAULT_POOL_MAX_SIZE = 20;

    /**
     * Long enough to ride out a burst, short enough that a down database fails requests (which
     * clients retry) instead of queueing them without bound.
     */
    static final String DEFAULT_ACQUIRE_TIMEOUT = "5s";

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
