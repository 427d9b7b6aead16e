package dev.parley.storage.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A MySQL/MariaDB location parsed from any of the URL spellings operators paste:
 * {@code mysql://}, {@code mariadb://}, {@code jdbc:mysql://}, {@code jdbc:mariadb://},
 * {@code r2dbc:mysql://} and {@code r2dbc:mariadb://}.
 */
record DatabaseUrl(String host, int port, String database, Map<String, String> parameters) {

    private static final int DEFAULT_PORT = 3306;

    static DatabaseUrl parse(String url) {
        String rest = url.trim();
        for (String prefix : new String[] {"jdbc:", "r2dbc:"}) {
            if (rest.startsWith(prefix)) {
                rest = rest.substring(prefix.length());
            }
        }
        if (!rest.startsWith("mysql://") && !rest.startsWith("mariadb://")) {
            throw new IllegalArgumentException(
                    "parley.db.url must be a MySQL or MariaDB URL such as mysql://127.0.0.1:3306/parley");
        }
        URI uri = URI.create(rest);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || path.isEmpty()) {
            throw new IllegalArgumentException("parley.db.url needs a host and a database name, e.g. mysql://127.0.0.1:3306/parley");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), path, parameters);
    }

    /** For Flyway; the MariaDB driver speaks to both MariaDB and MySQL 8. */
    String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:mariadb://").append(host).append(':').append(port).append('/').append(database);
        char separator = '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
            separator = '&';
        }
        return url.toString();
    }
}
