/**
 * Who answers which conversation: the account-wide queue served oldest first, assignment policies
 * within each agent's capacity, queue settings per site, reassignment when an agent goes away or
 * does not reply, transfers, and the position and wait each queued visitor is told.
 *
 * <p>Assignment is serialised per account by a row lock on the account, so several nodes assigning
 * at once can neither break queue order nor put an agent above capacity. Routing reads the agent
 * module's presence tables directly inside that transaction; only the agent module writes them.
 */
package dev.parley.routing;
