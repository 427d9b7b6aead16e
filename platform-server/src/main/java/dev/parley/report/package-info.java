/**
 * Reports over an account's conversations: volume per day, first-response time, queue wait and
 * resolution time (p50 and p90), and the CSAT average, overall or per site, team or agent, over a
 * date range.
 *
 * <p>Percentiles are exact (nearest rank) and computed the same on every database: one query counts
 * each group, a second streams the durations sorted by group and value, and only the values at the
 * wanted ranks are kept. Memory stays proportional to the number of groups and days, never to the
 * number of conversations.
 */
package dev.parley.report;
