/**
 * Retention and the data-protection rights of visitors.
 *
 * <p>Retention: an account may keep closed conversations for a number of days; a scheduled job,
 * run by one node at a time under a lease in {@code job_leases}, deletes older ones in bounded
 * batches, each batch in one transaction with its messages and everything else that refers to them.
 *
 * <p>Access and erasure: an admin can download everything stored about one visitor as one JSON
 * document, streamed from the database, and erase the visitor: profile and attributes, tokens,
 * page views, bans, conversations with their messages, transcript-mail records and webhook
 * payloads, in one transaction. Audit entries keep only the visitor's id.
 */
package dev.parley.privacy;
