/**
 * The admin REST API under {@code /api/v1/admin/}: sites, queue settings, agents, teams and
 * visitor bans of the caller's account. The security chain lets only admins in; every handler
 * scopes what it reads and changes to the caller's account, and something of another account
 * answers exactly like something that does not exist. Every change is recorded in the audit log.
 *
 * <p>The domain modules own the rules and the data; this module only reads requests, names the
 * fields it refuses, and calls their facades.
 */
package dev.parley.admin;
