package dev.parley.testing;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database and Redis the integration tests run on, chosen by the environment:
 * <ul>
 * <li>{@code PARLEY_IT_DB_URL} ({@code mysql://host:port}), {@code PARLEY_IT_DB_USERNAME} and
 * {@code PARLEY_IT_DB_PASSWORD}: a MariaDB or MySQL server where the user may create databases.
 * Each Spring context gets a fresh database of its own.</li>
 * <li>{@code PARLEY_IT_REDIS_URL}: a Redis server.</li>
 * <li>{@code PARLEY_IT_REQUIRE_SERVICES=true}: CI asked for both; a test that cannot reach them fails
 * instead of quietly falling back to the embedded default.</li>
 * </ul>
 * Without them, every test runs on a fresh embedded H2 database and the in-process bus.
 */
public final class TestBackend {

    private TestBackend() {
    }

    public static boolean servicesRequired() {
        return "true".equalsIgnoreCase(System.getenv("PARLEY_IT_REQUIRE_SERVICES"));
    }

    public static boolean mariaDbConfigured() {
        return present("PARLEY_IT_DB_URL");
    }

    public static boolean redisConfigured() {
        return present("PARLEY_IT_REDIS_URL");
    }

    public static String redisUrl() {
        return System.getenv("PARLEY_IT_REDIS_URL");
    }

    /** Fails when CI required the services and one of them is missing or unreachable. */
    public static void checkRequiredServices() {
        if (!servicesRequired()) {
            return;
        }
        if (!mariaDbConfigured() || !redisConfigured()) {
            throw new IllegalStateException("PARLEY_IT_REQUIRE_SERVICES=true but PARLEY_IT_DB_URL or PARLEY_IT_REDIS_URL is not set");
        }
        requireReachable(URI.create(System.getenv("PARLEY_IT_DB_URL")), "MariaDB");
        requireReachable(URI.create(redisUrl()), "Redis");
    }

    /** Properties for a fresh embedded H2 database in a new temporary directory. */
    public static Map<String, Object> h2() {
        try {
            Path dir = Files.createTempDirectory("parley-test-h2-");
            dir.toFile().deleteOnExit();
            return Map.of("parley.db.data-dir", dir.toString());
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Properties for a fresh, empty MariaDB database; fails when MariaDB is not configured. */
    public static Map<String, Object> mariaDb() {
        String base = System.getenv("PARLEY_IT_DB_URL");
        if (base == null) {
            throw new IllegalStateException("PARLEY_IT_DB_URL is not set");
        }
        URI uri = URI.create(base.replaceFirst("^(jdbc:|r2dbc:)", ""));
        String database = "parley_t_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36).toLowerCase(Locale.ROOT);
        String server = "jdbc:mariadb://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 3306 : uri.getPort()) + "/";
        try (Connection connection = DriverManager.getConnection(server, System.getenv("PARLEY_IT_DB_USERNAME"), System.getenv("PARLEY_IT_DB_PASSWORD"));
                Statement statement = connection.createStatement()) {
            // The name is generated above from [0-9a-z], never from input.
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + server + ": " + e.getMessage(), e);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("parley.db.url", "mysql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 3306 : uri.getPort()) + "/" + database);
        properties.put("parley.db.username", System.getenv("PARLEY_IT_DB_USERNAME"));
        properties.put("parley.db.password", System.getenv("PARLEY_IT_DB_PASSWORD"));
        return properties;
    }

    /** The backend the environment selects: MariaDB and Redis when configured, else embedded. */
    public static Map<String, Object> selected() {
        checkRequiredServices();
        Map<String, Object> properties = new LinkedHashMap<>(mariaDbConfigured() ? mariaDb() : h2());
        if (redisConfigured()) {
            properties.put("parley.redis.url", redisUrl());
        }
        return properties;
    }

    private static boolean present(String name) {
        String value = System.getenv(name);
        return value != null && !value.isBlank();
    }

    private static void requireReachable(URI uri, String what) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException(what + " is required (PARLEY_IT_REQUIRE_SERVICES=true) but " + uri.getHost() + ":"
                    + uri.getPort() + " is unreachable: " + e.getMessage(), e);
        }
    }
}
