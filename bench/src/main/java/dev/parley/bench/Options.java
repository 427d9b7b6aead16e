package dev.parley.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Command-line options of {@code bench/run}.
 *
 * <pre>
 *   --quick                      the scaled-down plan, to check the harness
 *   --profile                    records each Parley node with Java Flight Recorder and draws a
 *                                flame graph of its CPU samples (about 1% overhead)
 *   --only=parley-mariadb,parley-embedded,socketio,ws,footprint   a subset of the systems
 *   --phases=idle,chat,routing   a subset of the phases each system runs (routing is Parley's only)
 *   --db-url=mysql://host:port --db-user=U --db-password=P --redis-url=redis://host:port
 *                                use running servers instead of starting MariaDB and Redis
 * </pre>
 */
record Options(Plan plan, boolean profile, List<String> only, List<String> phases, String dbUrl, String dbUser, String dbPassword, String redisUrl, Path repo) {

    static final List<String> ALL = List.of("footprint", "parley-mariadb", "parley-embedded", "socketio", "ws");
    static final List<String> PHASES = List.of("idle", "chat", "routing");

    static Options parse(String[] args, Path repo) {
        Plan plan = Plan.FULL;
        List<String> only = ALL;
        List<String> phases = PHASES;
        String dbUrl = null;
        String dbUser = null;
        String dbPassword = null;
        String redisUrl = null;
        boolean profile = false;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                plan = Plan.QUICK;
            }
            else if (arg.equals("--profile")) {
                profile = true;
            }
            else if (arg.startsWith("--only=")) {
                only = List.of(value(arg).split(","));
                if (!ALL.containsAll(only)) {
                    throw new IllegalArgumentException("--only takes some of " + ALL);
                }
            }
            else if (arg.startsWith("--phases=")) {
                phases = List.of(value(arg).split(","));
                if (!PHASES.containsAll(phases)) {
                    throw new IllegalArgumentException("--phases takes some of " + PHASES);
                }
            }
            else if (arg.startsWith("--db-url=")) {
                dbUrl = value(arg);
            }
            else if (arg.startsWith("--db-user=")) {
                dbUser = value(arg);
            }
            else if (arg.startsWith("--db-password=")) {
                dbPassword = value(arg);
            }
            else if (arg.startsWith("--redis-url=")) {
                redisUrl = value(arg);
            }
            else {
                throw new IllegalArgumentException("Unknown option " + arg + "; see bench/README.md");
            }
        }
        if ((dbUrl == null) != (redisUrl == null)) {
            throw new IllegalArgumentException("--db-url and --redis-url go together");
        }
        return new Options(plan, profile, only, phases, dbUrl, dbUser, dbPassword, redisUrl, repo);
    }

    boolean runs(String system) {
        return only.contains(system);
    }

    boolean measures(String phase) {
        return phases.contains(phase);
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}
