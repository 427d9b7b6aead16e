package dev.parley.canned;

/**
 * Who changes canned responses: an agent of an account. Admins edit the account's shared
 * responses; every agent edits their own personal ones and nobody else's.
 */
public record Editor(String accountId, String agentId, boolean admin) {
}
