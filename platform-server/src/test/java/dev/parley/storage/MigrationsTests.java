package dev.parley.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.parley.testing.TestBackend;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The same migrations on both databases Parley supports, checked over plain JDBC. */
class MigrationsTests {

    private static final List<String> TABLES = List.of("accounts", "sites", "agents", "teams", "team_members",
            "queue_settings", "visitors", "visitor_tokens", "page_views", "conversations", "messages", "visitor_bans",
            "audit_log", "system_flags");

    @Test
    void migrationsApplyOnH2AndKeepMessagesUniqueBySeqAndClientId() throws SQLException {
        String dir = TestBackend.h2().get("parley.db.data-dir").toString();
        String url = "jdbc:h2:file:" + dir + "/parley;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
        checkDatabase(url, "sa", "");
    }

    @Test
    void migrationsApplyOnMariaDb() throws SQLException {
        assumeThat(TestBackend.mariaDbConfigured() || TestBackend.servicesRequired())
                .as("PARLEY_IT_DB_URL is not set; CI runs this on MariaDB").isTrue();
        Map<String, Object> db = TestBackend.mariaDb();
        String url = "jdbc:mariadb://" + db.get("parley.db.url").toString().substring("mysql://".length());
        checkDatabase(url, (String) db.get("parley.db.username"), (String) db.get("parley.db.password"));
    }

    private static void checkDatabase(String url, String user, String password) throws SQLException {
        Flyway flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                .failOnMissingLocations(true).load();
        assertThat(flyway.migrate().migrationsExecuted).isPositive();
        // A second run finds nothing to do: the schema history is intact.
        assertThat(flyway.migrate().migrationsExecuted).isZero();

        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            assertThat(tables(connection)).containsAll(TABLES);
            seedConversation(statement);
            statement.executeUpdate("INSERT INTO messages (conversation_id, seq, client_msg_id, author_kind, kind, body, created_at)"
                    + " VALUES ('C1', 1, 'm-1', 'VISITOR', 'TEXT', 'hello 👋', '2026-01-01 00:00:00')");
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO messages (conversation_id, seq, client_msg_id, author_kind,"
                    + " kind, body, created_at) VALUES ('C1', 1, 'm-2', 'VISITOR', 'TEXT', 'x', '2026-01-01 00:00:00')"))
                    .as("a repeated seq").isInstanceOf(SQLIntegrityConstraintViolationException.class);
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO messages (conversation_id, seq, client_msg_id, author_kind,"
                    + " kind, body, created_at) VALUES ('C1', 2, 'm-1', 'VISITOR', 'TEXT', 'x', '2026-01-01 00:00:00')"))
                    .as("a repeated client id").isInstanceOf(SQLIntegrityConstraintViolationException.class);
            try (ResultSet rows = statement.executeQuery("SELECT body FROM messages WHERE conversation_id = 'C1'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).as("4-byte UTF-8 survives").isEqualTo("hello 👋");
            }
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO conversations (id, account_id, site_id, visitor_id,"
                    + " open_visitor_id, status, created_at, last_activity_at) VALUES ('C2', 'A1', 'S1', 'V1', 'V1', 'QUEUED',"
                    + " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"))
                    .as("a second open conversation for one visitor").isInstanceOf(SQLIntegrityConstraintViolationException.class);
        }
    }

    private static void seedConversation(Statement statement) throws SQLException {
        statement.executeUpdate("INSERT INTO accounts (id, name, created_at) VALUES ('A1', 'a', '2026-01-01 00:00:00')");
        statement.executeUpdate("INSERT INTO sites (id, account_id, site_key, name, allowed_origins, appearance, prechat_fields,"
                + " identity_secret, created_at, updated_at) VALUES ('S1', 'A1', 'k', 's', '[]', '{}', '[]', 'secret',"
                + " '2026-01-01 00:00:00', '2026-01-01 00:00:00')");
        statement.executeUpdate("INSERT INTO visitors (id, account_id, site_id, first_seen_at, last_seen_at) VALUES ('V1', 'A1', 'S1',"
                + " '2026-01-01 00:00:00', '2026-01-01 00:00:00')");
        statement.executeUpdate("INSERT INTO conversations (id, account_id, site_id, visitor_id, open_visitor_id, status,"
                + " created_at, last_activity_at) VALUES ('C1', 'A1', 'S1', 'V1', 'V1', 'QUEUED', '2026-01-01 00:00:00',"
                + " '2026-01-01 00:00:00')");
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getTables(connection.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
