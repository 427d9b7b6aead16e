package dev.parley.visitor;

import java.time.Instant;

/** A page of the site a visitor opened: their page trail, for agents. */
public record PageView(String url, String title, String referrer, Instant viewedAt) {
}
