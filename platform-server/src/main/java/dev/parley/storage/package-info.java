/**
 * The database: the R2DBC connection pool the application runs on, and the Flyway migrations
 * applied over JDBC before anything else touches it.
 *
 * <p>With no configuration this is an H2 file database under {@code ./data}; with
 * {@code PARLEY_DB_URL} it is MySQL 8 or MariaDB 10.11.
 */
package dev.parley.storage;
