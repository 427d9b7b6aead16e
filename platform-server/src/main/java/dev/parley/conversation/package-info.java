/**
 * Conversations between a site's visitor and its agents, and their messages: durable, ordered by a
 * per-conversation sequence number the database assigns, and idempotent by client message id.
 *
 * <p>The module publishes past-tense events ({@link dev.parley.conversation.MessagePosted}, …) on
 * the cluster bus and never calls a gateway.
 */
package dev.parley.conversation;
