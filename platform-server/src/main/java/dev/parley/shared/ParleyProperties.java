package dev.parley.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings that belong to the whole installation ({@code parley.*}).
 *
 * @param publicUrl the address browsers reach this installation at, such as
 *     {@code https://chat.example.com}; used in the script-tag snippet and logged links. Empty means
 *     {@code http://localhost:<port>}, right for a first local run and wrong behind a proxy.
 */
@ConfigurationProperties("parley")
public record ParleyProperties(String publicUrl) {

    public String publicUrl(int port) {
        if (publicUrl == null || publicUrl.isBlank()) {
            return "http://localhost:" + port;
        }
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
