/**
 * The people who chat from a site: visitors, the secret tokens that identify their browsers, what
 * they told us about themselves, the pages they view, and bans.
 */
package dev.parley.visitor;
