/**
 * Who may call what: the HTTP security chain, and (with the agent gateway) sign-in and tokens.
 */
package dev.parley.security;
