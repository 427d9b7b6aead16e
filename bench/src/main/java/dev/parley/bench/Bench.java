package dev.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.bench.load.LoadGen;

/**
 * The benchmark suite's entry point ({@code bench/run}): starts every system in turn on loopback,
 * drives it from a separate load-generator process, prints a table and writes the results with
 * the machine and the commit to {@code bench/results/}. {@code loadgen} runs the load generator.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("loadgen")) {
            LoadGen.main(args);
            return;
        }
        if (args.length == 3 && args[0].equals("flame")) {
            Flame.main(args);
            return;
        }
        Path repo = Path.of(System.getProperty("parley.bench.repo", ".")).toAbsolutePath().normalize();
        Options options = Options.parse(args, repo);
        Path jar = repo.resolve("platform-server/target/parley.jar");
        Path benchJar = repo.resolve("bench/target/parley-bench.jar");
        Path nodeDir = repo.resolve("bench/node");
        for (Path required : List.of(jar, benchJar, nodeDir.resolve("node_modules"))) {
            if (!Files.exists(required)) {
                throw new IllegalStateException(required + " is missing: run bench/run, which builds it first");
            }
        }
        Path work = Files.createTempDirectory("parley-bench-");
        // MariaDB runs as its own user and must reach its data directory inside.
        work.toFile().setExecutable(true, false);
        work.toFile().setReadable(true, false);
        Log.info("Parley benchmark (%s plan); logs in %s", options.plan().name(), work);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("plan", options.plan());
        results.put("profiled", options.profile());
        results.put("phases", options.phases());
        Map<String, Object> machine = Machine.describe(repo);
        results.put("machine", machine);
        results.put("git", Machine.git(repo));
        results.put("benchSettings", ParleyServer.BENCH_SETTINGS);
        Map<String, Object> systems = new LinkedHashMap<>();
        results.put("systems", systems);
        try (Services services = new Services(work); LoadGenClient loadGen = new LoadGenClient(benchJar, work.resolve("loadgen.log"))) {
            Runtime.getRuntime().addShutdownHook(new Thread(Procs::stopAll));
            if (options.dbUrl() != null) {
                java.net.URI db = java.net.URI.create(options.dbUrl().replaceFirst("^(jdbc:|r2dbc:)", ""));
                services.useExisting(new Services.Database(db.getHost(), db.getPort() < 0 ? 3306 : db.getPort(), options.dbUser(),
                        options.dbPassword()), options.redisUrl());
            }
            ParleyRuns parley = new ParleyRuns(jar, work, services, loadGen, options);
            Phases phases = new Phases(loadGen, options.plan(), work.resolve("histograms-baselines"));
            if (options.runs("footprint")) {
                Log.info("Footprint: Parley on the embedded default");
                results.put("footprint", parley.footprint());
                checkpoint(work, results);
            }
            for (String backend : List.of("mariadb", "embedded")) {
                if (options.runs("parley-" + backend)) {
                    Log.info("Parley on %s", backend.equals("mariadb") ? "MariaDB + Redis" : "the embedded default (H2, in-process bus)");
                    systems.put("parley-" + backend, parley.backend(backend));
                    checkpoint(work, results);
                }
            }
            for (String relay : List.of("socketio", "ws")) {
                if (options.runs(relay)) {
                    Log.info("Baseline: %s", relay.equals("socketio") ? "Socket.IO chat relay" : "raw ws relay");
                    systems.put(relay, Relays.run(relay, nodeDir, work, phases, options));
                    checkpoint(work, results);
                }
            }
        }
        results.put("finishedAt", Instant.now().toString());
        machine.put("loadAverageAtEnd", Machine.loadAverage());
        Path out = Files.createDirectories(repo.resolve("bench/results"));
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "");
        String table = Report.table(results);
        Files.writeString(out.resolve(stamp + ".json"), Report.json(results));
        Files.writeString(out.resolve(stamp + ".md"), table);
        Files.writeString(out.resolve("latest.md"), table);
        System.out.println(table);
        Log.info("Results: %s", out.resolve(stamp + ".json"));
    }

    /** What is measured so far, kept in the run's directory, so a run that fails later loses nothing. */
    private static void checkpoint(Path work, Map<String, Object> results) throws java.io.IOException {
        Files.writeString(work.resolve("results-so-far.json"), Report.json(results));
    }
}
