package dev.parley.canned;

/** What an editor writes: the shortcut (a leading slash is dropped, case is folded), a title and the text. */
public record CannedDraft(String shortcut, String title, String body) {
}
