package dev.parley.canned;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of canned responses ({@code parley.canned.*}).
 *
 * @param maxBodyLength most characters in one response's text
 * @param maxPerScope most responses the account shares, and most each agent keeps for themselves
 */
@ConfigurationProperties("parley.canned")
public record CannedProperties(
        @DefaultValue("" + DEFAULT_MAX_BODY_LENGTH) int maxBodyLength,
        @DefaultValue("" + DEFAULT_MAX_PER_SCOPE) int maxPerScope) {

    /** Half an agent message (10,000): room for the agent to add to an inserted answer before sending it. */
    static final int DEFAULT_MAX_BODY_LENGTH = 5_000;

    /**
     * Large help desks keep a few hundred prepared answers; 500 per scope lets the console load an
     * agent's whole set (shared and personal, at most 1,000) in one request and filter it as they type.
     */
    static final int DEFAULT_MAX_PER_SCOPE = 500;

    public CannedProperties {
        if (maxBodyLength < 1 || maxBodyLength > dev.parley.conversation.Conversations.MAX_BODY_LENGTH || maxPerScope < 1) {
            throw new IllegalArgumentException("parley.canned.max-body-length must be 1 to "
                    + dev.parley.conversation.Conversations.MAX_BODY_LENGTH + " and parley.canned.max-per-scope positive");
        }
    }
}
