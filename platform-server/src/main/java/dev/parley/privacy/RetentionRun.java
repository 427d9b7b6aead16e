package dev.parley.privacy;

/** One account's part of a retention run: how many closed conversations were deleted. */
public record RetentionRun(String accountId, int retentionDays, long deleted) {
}
