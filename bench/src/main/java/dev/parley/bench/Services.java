package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The MariaDB and Redis that Parley's production backend runs on, started for the benchmark as
 * child processes on free loopback ports, with the flags CI uses (.ci/run), and stopped at the end.
 * Or, with {@code --db-url}/{@code --redis-url}, servers that are already running: never stopped.
 */
final class Services implements AutoCloseable {

    record Database(String host, int port, String user, String password) {
    }

    private final Path work;
    private Process mariadb;
    private Process redis;
    private Database database;
    private String redisUrl;

    Services(Path work) {
        this.work = work;
    }

    /** Uses running servers instead of starting any. */
    void useExisting(Database existing, String existingRedisUrl) {
        this.database = existing;
        this.redisUrl = existingRedisUrl;
    }

    Database database() throws IOException, InterruptedException {
        if (database == null) {
            database = startMariaDb();
        }
        return database;
    }

    String redisUrl() throws IOException, InterruptedException {
        if (redisUrl == null) {
            redisUrl = startRedis();
        }
        return redisUrl;
    }

    /** The processes this object started, for CPU accounting; empty when servers were reused. */
    List<Long> pids() {
        return java.util.stream.Stream.of(mariadb, redis).filter(p -> p != null && p.isAlive()).map(Process::pid).toList();
    }

    private Database startMariaDb() throws IOException, InterruptedException {
        Path dir = work.resolve("mariadb");
        Files.createDirectories(dir);
        Procs.run(List.of("chown", "-R", "mysql:mysql", dir.toString()), Duration.ofSeconds(10));
        Path data = dir.resolve("data");
        Path socket = dir.resolve("mysqld.sock");
        Procs.run(List.of("mariadb-install-db", "--user=mysql", "--datadir=" + data, "--auth-root-authentication-method=socket",
                "--skip-test-db"), Duration.ofMinutes(2));
        int port = Procs.freePort();
        mariadb = new ProcessBuilder(List.of(mariadbd(), "--user=mysql", "--datadir=" + data, "--socket=" + socket,
                "--pid-file=" + dir.resolve("mysqld.pid"), "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci", "--max-connections=500",
                "--log-error=" + dir.resolve("error.log")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Procs.track(mariadb);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                Procs.run(List.of("mariadb-admin", "--socket=" + socket, "ping"), Duration.ofSeconds(5));
                break;
            }
            catch (IOException notYet) {
                if (!mariadb.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("MariaDB did not start; see " + dir.resolve("error.log"), notYet);
                }
                Thread.sleep(250);
            }
        }
        String password = java.util.UUID.randomUUID().toString().replace("-", "");
        // Names and the password are generated here, never taken from input.
        Procs.run(List.of("mariadb", "--socket=" + socket, "-e",
                "CREATE USER 'bench'@'127.0.0.1' IDENTIFIED BY '" + password + "';"
                        + " GRANT ALL PRIVILEGES ON `parley%`.* TO 'bench'@'127.0.0.1';"), Duration.ofSeconds(30));
        return new Database("127.0.0.1", port, "bench", password);
    }

    private String startRedis() throws IOException, InterruptedException {
        int port = Procs.freePort();
        Path dir = work.resolve("redis");
        Files.createDirectories(dir);
        redis = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        Procs.track(redis);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                Procs.run(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port), "ping"), Duration.ofSeconds(5));
                return "redis://127.0.0.1:" + port;
            }
            catch (IOException notYet) {
                if (!redis.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("Redis did not start; see " + dir.resolve("redis.log"), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private static String mariadbd() {
        return Files.isExecutable(Path.of("/usr/sbin/mariadbd")) ? "/usr/sbin/mariadbd" : "mariadbd";
    }

    @Override
    public void close() {
        Procs.stop(redis, Duration.ofSeconds(10));
        Procs.stop(mariadb, Duration.ofSeconds(60));
    }
}
