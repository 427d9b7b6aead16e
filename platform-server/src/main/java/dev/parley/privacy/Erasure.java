package dev.parley.privacy;

/** What erasing a visitor deleted. */
public record Erasure(String visitorId, long conversations, long messages, long pageViews, long tokens, long bans) {
}
