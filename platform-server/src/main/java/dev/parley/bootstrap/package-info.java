/**
 * The first start: on an empty database, a demo account, a demo site and an admin agent, so that a
 * new installation is usable at once.
 */
package dev.parley.bootstrap;
