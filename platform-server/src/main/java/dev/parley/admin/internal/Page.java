package dev.parley.admin.internal;

import java.util.List;
import java.util.function.Function;

import dev.parley.shared.ApiProblems;
import dev.parley.shared.Ids;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One page of a list.
 *
 * @param next pass as {@code after} for the next page; absent on the last page
 */
record Page<T>(List<T> items, String next) {

    /** A screenful. */
    static final int DEFAULT_LIMIT = 50;

    /** Bounds one request's work; the rest is a few pages away. */
    static final int MAX_LIMIT = 200;

    /** The page size asked for, checked. */
    static int limit(Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiProblems.invalidField("limit", "limit must be 1 to " + MAX_LIMIT);
        }
        return limit == null ? DEFAULT_LIMIT : limit;
    }

    /** The cursor, checked: an id, or nothing for the first page. */
    static String after(String after) {
        if (after != null && !Ids.isWellFormed(after)) {
            throw ApiProblems.invalidField("after", "after must be the next value of the previous page");
        }
        return after;
    }

    /**
     * Reads {@code limit + 1} items with {@code query(limit + 1)}: the extra one only tells whether
     * there is a next page, whose cursor is the id of the last item shown.
     */
    static <E, V> Mono<Page<V>> of(int limit, Function<Integer, Flux<E>> query, Function<E, String> id, Function<E, V> view) {
        return query.apply(limit + 1).collectList().map(found -> found.size() > limit
                ? new Page<>(found.subList(0, limit).stream().map(view).toList(), id.apply(found.get(limit - 1)))
                : new Page<>(found.stream().map(view).toList(), null));
    }
}
