/**
 * The audit log: who did what to which thing in an account, for its admins to review.
 *
 * <p>A module of its own, depending on nothing but {@code shared}, so that any module (agents,
 * sites, security) can record its admin actions without a dependency cycle: had it lived in
 * {@code security}, which depends on {@code agent}, the {@code agent} module could never record
 * changes to agents.
 */
package dev.parley.audit;
