package dev.parley.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.flywaydb.core.Flyway;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Writes the benchmark's tenants into an empty database before Parley starts: the schema by the
 * very migrations inside the jar under test, then accounts, sites, queue settings and agents.
 * Written directly because Parley has no bulk provisioning API, and an embedded H2 file can only be
 * opened by one process at a time. The first-start seed is marked done, so Parley adds nothing.
 */
final class Provisioner {

    /** Concurrent chats per agent in every benchmark tenant (the site default is 3). */
    static final int CAPACITY = 10;

    /** Long enough that nothing waiting in a benchmark times out into "pending". */
    private static final int QUEUE_TIMEOUT_SECONDS = 3_600;

    /** Cost 4: the throwaway agents sign in in a millisecond; Parley accepts any bcrypt cost. */
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    private static final SecureRandom RANDOM = new SecureRandom();

    record Login(String email, String password) {
    }

    record Tenant(String accountId, String siteId, String siteKey, List<Login> agents) {
    }

    private Provisioner() {
    }

    /** Migrates the database at {@code jdbcUrl} with the jar's migrations. */
    static void migrate(Path parleyJar, Path work, String jdbcUrl, String user, String password) throws IOException {
        Path migrations = extractMigrations(parleyJar, work.resolve("migrations"));
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("filesystem:" + migrations)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** Adds one account with one site allowing {@code origin} and {@code agents} agents. */
    static Tenant tenant(Connection db, String name, String origin, int agents) throws SQLException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        String accountId = Ulids.next();
        String siteId = Ulids.next();
        String siteKey = "bench" + random(18);
        execute(db, "INSERT INTO accounts (id, name, retention_days, created_at) VALUES (?, ?, NULL, ?)", accountId, name, now);
        execute(db, "INSERT INTO sites (id, account_id, site_key, name, allowed_origins, appearance, greeting, prechat_fields,"
                        + " identity_secret, identity_required, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, '[]', ?, FALSE, ?, ?)",
                siteId, accountId, siteKey, name + " site", "[\"" + origin + "\"]",
                "{\"primaryColor\":\"#2563eb\",\"position\":\"right\",\"title\":\"Support\"}", random(32), now, now);
        execute(db, "INSERT INTO queue_settings (site_id, routing_policy, team_id, max_chats_per_agent, queue_timeout_seconds,"
                        + " no_reply_timeout_seconds, auto_close_minutes, max_queue_length, business_hours, updated_at)"
                        + " VALUES (?, 'ROUND_ROBIN', NULL, ?, ?, NULL, NULL, NULL, NULL, ?)",
                siteId, CAPACITY, QUEUE_TIMEOUT_SECONDS, now);
        String password = "bench-" + random(12);
        String hash = "{bcrypt}" + BCRYPT.encode(password);
        List<Login> logins = new ArrayList<>();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO agents (id, account_id, email, display_name, password_hash,"
                + " role, capacity_override, avatar_url, status, deactivated_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, 'AGENT', NULL, NULL, 'OFFLINE', NULL, ?)")) {
            for (int i = 1; i <= agents; i++) {
                String email = String.format(Locale.ROOT, "%s-%03d-%s@bench.parley.test", name, i, accountId.toLowerCase(Locale.ROOT));
                insert.setString(1, Ulids.next());
                insert.setString(2, accountId);
                insert.setString(3, email);
                insert.setString(4, String.format(Locale.ROOT, "%s agent %03d", name, i));
                insert.setString(5, hash);
                insert.setTimestamp(6, now);
                insert.addBatch();
                logins.add(new Login(email, password));
            }
            insert.executeBatch();
        }
        return new Tenant(accountId, siteId, siteKey, logins);
    }

    /**
     * Adds {@code count} visitors of the tenant's site as an earlier visit leaves them: a token, and
     * an open conversation kept for follow-up (nobody was online) holding their first message.
     * Writes one line per visitor to {@code book}: token, conversation id and last seq, tab-separated.
     */
    static void returningVisitors(Connection db, Tenant tenant, int count, Path book) throws SQLException, IOException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (PreparedStatement visitors = db.prepareStatement("INSERT INTO visitors (id, account_id, site_id, verified, first_seen_at,"
                + " last_seen_at) VALUES (?, ?, ?, FALSE, ?, ?)");
                PreparedStatement tokens = db.prepareStatement("INSERT INTO visitor_tokens (token_hash, visitor_id, created_at, last_used_at)"
                        + " VALUES (?, ?, ?, ?)");
                PreparedStatement conversations = db.prepareStatement("INSERT INTO conversations (id, account_id, site_id, visitor_id,"
                        + " open_visitor_id, status, pending_reason, created_at, last_activity_at, last_seq, prechat)"
                        + " VALUES (?, ?, ?, ?, ?, 'PENDING', 'no_agents', ?, ?, 1, '{}')");
                PreparedStatement messages = db.prepareStatement("INSERT INTO messages (conversation_id, seq, client_msg_id, author_kind,"
                        + " author_id, kind, body, created_at) VALUES (?, 1, 'first', 'VISITOR', ?, 'TEXT', 'Hello, is anyone there?', ?)");
                java.io.BufferedWriter out = Files.newBufferedWriter(book)) {
            for (int i = 0; i < count; i++) {
                String visitorId = Ulids.next();
                String conversationId = Ulids.next();
                String token = random(32);
                bind(visitors, visitorId, tenant.accountId(), tenant.siteId(), now, now);
                bind(tokens, sha256(token), visitorId, now, now);
                bind(conversations, conversationId, tenant.accountId(), tenant.siteId(), visitorId, visitorId, now, now);
                bind(messages, conversationId, visitorId, now);
                out.write(token + "\t" + conversationId + "\t1\n");
                if ((i + 1) % 1_000 == 0 || i == count - 1) {
                    for (PreparedStatement batch : List.of(visitors, tokens, conversations, messages)) {
                        batch.executeBatch();
                    }
                    db.commit();
                }
            }
        }
        finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.addBatch();
    }

    /** Parley keeps only the SHA-256 of a visitor token, hex. */
    private static String sha256(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks the first-start seed as done: the benchmark's own tenants are all there is. */
    static void skipFirstStartSeed(Connection db) throws SQLException {
        execute(db, "INSERT INTO system_flags (name, created_at) VALUES ('bootstrap.v1', ?)",
                Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
    }

    static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    private static void execute(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static Path extractMigrations(Path jar, Path into) throws IOException {
        Files.createDirectories(into);
        String prefix = "BOOT-INF/classes/db/migration/";
        int found = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".sql")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, into.resolve(entry.getName().substring(prefix.length())),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    found++;
                }
            }
        }
        if (found == 0) {
            throw new IOException("No migrations in " + jar + " under " + prefix);
        }
        return into;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
