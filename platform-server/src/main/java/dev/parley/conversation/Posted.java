package dev.parley.conversation;

/**
 * The committed outcome of a post.
 *
 * @param duplicate true when an earlier post with the same client message id had already stored
 *     {@code message}; nothing new was written
 */
public record Posted(Message message, boolean duplicate) {
}
