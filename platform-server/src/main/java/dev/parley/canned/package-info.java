/**
 * Canned responses: prepared answers an agent inserts by typing {@code /shortcut} in the console's
 * composer. Each account has shared ones, which its admins edit, and each agent personal ones,
 * which only they edit. Every shortcut is unique within its scope; an agent's personal response
 * wins over the account's with the same shortcut.
 */
package dev.parley.canned;
