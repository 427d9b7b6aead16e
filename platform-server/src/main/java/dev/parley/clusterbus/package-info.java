/**
 * Fan-out of domain events to every node: the in-process bus on the embedded default, Redis pub/sub
 * when {@code PARLEY_REDIS_URL} is set.
 *
 * <p>The bus is a notification path only and may lose events (Redis pub/sub is at most once). The
 * database is the truth: subscribers detect gaps by sequence number and catch up from it.
 */
package dev.parley.clusterbus;
