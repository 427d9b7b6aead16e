package dev.parley.conversation.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import org.springframework.r2dbc.core.binding.BindMarker;
import org.springframework.r2dbc.core.binding.BindMarkers;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;
import org.springframework.r2dbc.core.binding.BindTarget;

/**
 * A statement built with the database's own bind markers ({@code ?} on MySQL, {@code $n} on H2)
 * and bound by position. For the batch writer's generated statements, whose text differs with
 * every batch size: {@code DatabaseClient} parses each one for named parameters and expands them
 * through a map of generated names, work that grew with the batch on every statement. Not
 * thread-safe; one per statement.
 */
final class BoundSql {

    private final StringBuilder text;
    private final BindMarkers markers;
    private final List<BindMarker> bound = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    BoundSql(BindMarkersFactory markers, String start) {
        this.text = new StringBuilder(start);
        this.markers = markers.create();
    }

    BoundSql sql(String more) {
        text.append(more);
        return this;
    }

    /** Appends a marker for {@code value}; a null is bound as a null string. */
    BoundSql value(Object value) {
        BindMarker marker = markers.next();
        text.append(marker.getPlaceholder());
        bound.add(marker);
        values.add(value);
        return this;
    }

    /** Appends {@code (?, ?, …)}, one marker per element; {@code list} must not be empty. */
    BoundSql list(Collection<?> list) {
        text.append('(');
        boolean first = true;
        for (Object value : list) {
            text.append(first ? "" : ", ");
            value(value);
            first = false;
        }
        text.append(')');
        return this;
    }

    /** The statement on {@code connection}, every value bound. */
    Statement statement(Connection connection) {
        Statement statement = connection.createStatement(text.toString());
        BindTarget target = new Target(statement);
        for (int i = 0; i < bound.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                bound.get(i).bindNull(target, String.class);
            }
            else {
                bound.get(i).bind(target, value);
            }
        }
        return statement;
    }

    private record Target(Statement statement) implements BindTarget {

        @Override
        public void bind(String identifier, Object value) {
            statement.bind(identifier, value);
        }

        @Override
        public void bind(int index, Object value) {
            statement.bind(index, value);
        }

        @Override
        public void bindNull(String identifier, Class<?> type) {
            statement.bindNull(identifier, type);
        }

        @Override
        public void bindNull(int index, Class<?> type) {
            statement.bindNull(index, type);
        }
    }
}
