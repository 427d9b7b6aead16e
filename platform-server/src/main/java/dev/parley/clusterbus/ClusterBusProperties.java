package dev.parley.clusterbus;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How nodes reach each other ({@code parley.redis.*}, or {@code PARLEY_REDIS_URL}).
 *
 * @param url Redis URL such as {@code redis://127.0.0.1:6379}; empty keeps the in-process bus, right
 *     for a single node and wrong for several
 */
@ConfigurationProperties("parley.redis")
public record ClusterBusProperties(String url) {

    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}
