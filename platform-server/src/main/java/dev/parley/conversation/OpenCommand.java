package dev.parley.conversation;

import java.util.Map;

/**
 * A visitor asking to talk.
 *
 * @param prechat the visitor's answers to the site's pre-chat form
 * @param teamId the team whose queue it joins; null for the site's default
 */
public record OpenCommand(String accountId, String siteId, String visitorId, Map<String, String> prechat, String teamId) {
}
