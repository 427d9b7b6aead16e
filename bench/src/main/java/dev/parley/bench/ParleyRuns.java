package dev.parley.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.JsonNode;

/** Parley's part of the suite: its footprint, and every phase on one backend. */
final class ParleyRuns {

    /** Idle time before the footprint is read: what an operator sees a little after start. */
    private static final long IDLE_BEFORE_FOOTPRINT_MILLIS = 10_000;

    private final Path jar;
    private final Path work;
    private final Services services;
    private final LoadGenClient loadGen;
    private final Plan plan;
    private final Options options;
    private final boolean profile;
    private int instance;

    /** With {@link Options#profile()}, each backend's node is recorded with Java Flight Recorder and its flame graph drawn. */
    ParleyRuns(Path jar, Path work, Services services, LoadGenClient loadGen, Options options) {
        this.options = options;
        this.profile = options.profile();
        this.jar = jar;
        this.work = work;
        this.services = services;
        this.loadGen = loadGen;
        this.plan = options.plan();
    }

    /**
     * Start-up time and idle memory on the embedded default, exactly as README's first command runs
     * it ({@link #README_FLAGS}), then with the JVM's default flags for comparison; and the widget's weight.
     */
    Map<String, Object> footprint() throws IOException, InterruptedException {
        Map<String, Object> result = footprint("readme", README_FLAGS, true);
        result.put("flags", README_FLAGS);
        result.put("jvmDefaults", footprint("jvm-defaults", List.of(), false));
        return result;
    }

    /** The JVM flags of README's first command; keep the two in step. */
    static final List<String> README_FLAGS = List.of("-XX:+UseSerialGC", "-Xms32m");

    /**
     * The measured nodes run as docs/operations.md sizes a node: G1 with a fixed heap and a bounded
     * young generation. 1 GB holds 15,000 idle visitors (about 300 MB live) with room for the chat
     * phases' garbage; with the JVM's defaults the heap is sized from this machine's 24 GB, and RSS
     * per socket measured how far G1 chose to grow, not what a socket costs. A node's live set is
     * long-lived sockets and its garbage dies young: an unbounded eden grew to hundreds of MB of
     * touched pages during a reconnect wave (RSS per idle socket 35 KB against 18 KB of heap).
     */
    static final List<String> NODE_FLAGS = List.of("-XX:+UseG1GC", "-Xms1g", "-Xmx1g", "-Xmn128m");

    /** {@code restart}: also time a second start on the same data, as after a deploy. */
    private Map<String, Object> footprint(String name, List<String> jvmOptions, boolean restart) throws IOException, InterruptedException {
        Path data = Files.createDirectories(work.resolve("footprint-data-" + name));
        int port = Procs.freePort();
        Map<String, Object> result = new LinkedHashMap<>();
        ParleyServer server = new ParleyServer(jar, work.resolve("parley-footprint-" + name + ".log"), port,
                Map.of("PARLEY_DB_DATA_DIR", data.toString(), "PARLEY_ADMIN_PASSWORD", "bench-" + UUID.randomUUID()), List.of(),
                jvmOptions);
        try (server) {
            result.put("firstStartSeconds", server.start());
            Thread.sleep(IDLE_BEFORE_FOOTPRINT_MILLIS);
            result.put("idleRssBytes", server.rssBytes());
            result.put("heapAfterGcBytes", server.heapAfterGcBytes());
            result.put("rssAfterGcBytes", server.rssBytes());
            byte[] widget = Procs.getBytes(server.url("/widget.js"));
            result.put("widgetBytes", widget.length);
            result.put("widgetGzipBytes", gzipSize(widget));
        }
        if (restart) {
            try (server) {
                result.put("restartSeconds", server.start());
            }
        }
        Log.info("  %s JVM flags: first start %.1f s, idle RSS %.0f MB, widget %,d B gzip", name,
                result.get("firstStartSeconds"), (Long) result.get("idleRssBytes") / 1048576.0, result.get("widgetGzipBytes"));
        return result;
    }

    /** Every phase on one backend: {@code mariadb} (MariaDB + Redis) or {@code embedded} (H2, in-process bus). */
    Map<String, Object> backend(String backend) throws Exception {
        int port = Procs.freePort();
        String origin = "http://127.0.0.1:" + port;
        Map<String, String> env = new LinkedHashMap<>();
        String jdbcUrl;
        String user;
        String password;
        if (backend.equals("mariadb")) {
            Services.Database db = services.database();
            String name = "parley_bench_" + (++instance) + "_" + Long.toString(System.currentTimeMillis(), 36);
            try (Connection server = Provisioner.connect("jdbc:mariadb://" + db.host() + ":" + db.port() + "/", db.user(), db.password());
                    Statement statement = server.createStatement()) {
                // The name is generated above, never taken from input.
                statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            jdbcUrl = "jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + name;
            user = db.user();
            password = db.password();
            env.put("PARLEY_DB_URL", "mysql://" + db.host() + ":" + db.port() + "/" + name);
            env.put("PARLEY_DB_USERNAME", user);
            env.put("PARLEY_DB_PASSWORD", password);
            env.put("PARLEY_REDIS_URL", services.redisUrl());
        }
        else {
            Path data = Files.createDirectories(work.resolve("h2-" + (++instance)));
            jdbcUrl = "jdbc:h2:file:" + data.resolve("parley") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
            user = "sa";
            password = "";
            env.put("PARLEY_DB_DATA_DIR", data.toString());
        }
        Provisioner.migrate(jar, work, jdbcUrl, user, password);
        // Returning visitors are only provisioned for the idle phase: 15,000 rows take a while.
        int visitors = options.measures("idle") ? plan.idleSteps().get(plan.idleSteps().size() - 1) : 0;
        Path visitorBook = work.resolve("returning-visitors-" + backend + ".tsv");
        Provisioner.Tenant idle;
        Provisioner.Tenant chat;
        Provisioner.Tenant ladder;
        List<Provisioner.Tenant> routing = new ArrayList<>();
        List<Provisioner.Tenant> routingWarmups = new ArrayList<>();
        try (Connection db = Provisioner.connect(jdbcUrl, user, password)) {
            idle = Provisioner.tenant(db, "idle", origin, 0);
            chat = Provisioner.tenant(db, "chat", origin, plan.chatAgents());
            ladder = Provisioner.tenant(db, "ladder", origin, plan.chatAgents());
            for (int i = 1; i <= plan.routingMeasured(); i++) {
                routing.add(Provisioner.tenant(db, "routing-" + i, origin, plan.routingAgents()));
            }
            for (int i = 1; i <= plan.routingWarmups(); i++) {
                routingWarmups.add(Provisioner.tenant(db, "routing-warmup-" + i, origin, plan.routingAgents()));
            }
            Provisioner.returningVisitors(db, idle, visitors, visitorBook);
            Provisioner.skipFirstStartSeed(db);
        }
        catch (SQLException e) {
            throw new IOException("Provisioning the benchmark tenants failed: " + e.getMessage(), e);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("returningVisitors", visitors);
        result.put("jvmFlags", NODE_FLAGS);
        Path recording = work.resolve("parley-" + backend + ".jfr");
        // The "default" settings sample every 20 ms of CPU: about 1% overhead, enough for a flame graph.
        List<String> jvmOptions = new ArrayList<>(NODE_FLAGS);
        if (profile) {
            jvmOptions.add("-XX:StartFlightRecording=settings=default,dumponexit=true,filename=" + recording);
        }
        ParleyServer server = new ParleyServer(jar, work.resolve("parley-" + backend + ".log"), port, env, ParleyServer.BENCH_SETTINGS,
                jvmOptions);
        Sut sut = sut(server, idle, origin);
        Phases phases = new Phases(loadGen, plan, work.resolve("histograms-" + backend));
        Map<String, Object> book = Phases.command("visitors-file", sut);
        book.put("path", visitorBook.toString());
        loadGen.call(book, Duration.ofMinutes(1));
        try (server) {
            result.put("startSeconds", server.start());
            if (options.measures("idle")) {
                result.put("idle", phases.idle(sut));
            }
            if (options.measures("chat")) {
                result.put("chat", phases.chat(sut(server, chat, origin), Map.of("agents", logins(chat)),
                        sut(server, ladder, origin), Map.of("agents", logins(ladder))));
            }
            if (options.measures("routing")) {
                Log.info("  routing: %d agents, room for %d chats each, %d measured bursts after up to %d uncounted warm-up bursts,"
                        + " each on an account of its own", plan.routingAgents(), Provisioner.CAPACITY, plan.routingMeasured(), plan.routingWarmups());
                result.put("routing", new RoutingPhase(loadGen).run(accounts(server, routingWarmups, origin),
                        accounts(server, routing, origin), Provisioner.CAPACITY, plan.routingExtra()));
            }
        }
        if (profile && Files.exists(recording)) {
            Path svg = work.resolve("parley-" + backend + "-cpu.svg");
            Flame.draw(recording, svg, "Parley on " + backend + ": CPU samples over the whole run");
            Files.writeString(work.resolve("parley-" + backend + "-top.txt"), Flame.top(recording, 40));
            result.put("profile", Map.of("recording", recording.toString(), "flameGraph", svg.toString()));
            Log.info("  profile: %s, flame graph %s", recording, svg);
        }
        return result;
    }

    private List<RoutingPhase.Account> accounts(ParleyServer server, List<Provisioner.Tenant> tenants, String origin) {
        return tenants.stream().map(tenant -> new RoutingPhase.Account(sut(server, tenant, origin), logins(tenant))).toList();
    }

    private Sut sut(ParleyServer server, Provisioner.Tenant tenant, String origin) {
        List<Long> servicePids = services.pids();
        return new Sut() {
            public String client() {
                return "parley";
            }

            public Map<String, Object> target() {
                return Map.of("port", server.port(), "siteKey", tenant.siteKey(), "origin", origin);
            }

            public long rssBytes() {
                return server.rssBytes();
            }

            public long heapAfterGcBytes() throws IOException, InterruptedException {
                return server.heapAfterGcBytes();
            }

            public void histogram(Path file) throws IOException, InterruptedException {
                server.histogram(file);
            }

            public double cpuSeconds() {
                return server.cpuSeconds() + servicePids.stream().mapToDouble(Procs::cpuSeconds).sum();
            }

            public double processCpuSeconds() {
                return server.cpuSeconds();
            }

            public double compilerCpuSeconds() {
                return server.compilerCpuSeconds();
            }

            public String metrics() throws IOException, InterruptedException {
                return Procs.get(server.url("/actuator/prometheus"));
            }
        };
    }

    private static List<Map<String, String>> logins(Provisioner.Tenant tenant) {
        List<Map<String, String>> logins = new ArrayList<>();
        tenant.agents().forEach(l -> logins.add(Map.of("email", l.email(), "password", l.password())));
        return logins;
    }

    /** Bytes of {@code gzip -9}, what a server compressing at its best would send. */
    static int gzipSize(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(content);
        }
        return out.size();
    }
}
