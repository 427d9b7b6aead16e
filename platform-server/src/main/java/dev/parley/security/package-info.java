/**
 * Who may call what. Agents sign in with a password ({@code /api/v1/auth/*}) or bring an access
 * token of a configured OpenID Connect provider; {@link dev.parley.security.AgentAuthentication}
 * turns either kind of bearer token into an {@link dev.parley.security.AgentPrincipal} for the HTTP
 * security chain and the RSocket gateway alike, and {@link dev.parley.security.AgentSessions} ends
 * sign-ins and tells every node which ones have ended.
 */
package dev.parley.security;
