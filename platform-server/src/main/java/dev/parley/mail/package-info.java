/**
 * Outgoing email: transcripts for visitors and agents, and invitations for new agents. Sending is
 * blocking I/O (SMTP through Jakarta Mail), so it runs on a small scheduler of its own, never on an
 * event loop. Mail is off until {@code spring.mail.host} is set.
 */
package dev.parley.mail;
