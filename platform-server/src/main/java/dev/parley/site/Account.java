package dev.parley.site;

import java.time.Instant;

/** A tenant. Everything else belongs to exactly one account, and no account sees another's data. */
public record Account(String id, String name, Integer retentionDays, Instant createdAt) {
}
