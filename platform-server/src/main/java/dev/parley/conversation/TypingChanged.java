package dev.parley.conversation;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/**
 * Someone started or stopped typing. Not stored.
 *
 * @param draft the visitor's current draft, for the agents' live preview; always null for agents
 * @param internal true when an agent is typing an internal note: the visitor must not see it
 * @param seenSeq the newest message the typist had (sent or received) when this was said, 0 when
 *        unknown. Typing is not stored, so it can overtake the typist's own last message on its way
 *        to the other side; a message at or before this seq must not end this typing.
 */
public record TypingChanged(String accountId, String conversationId, Author author, boolean active, String draft,
        boolean internal, long seenSeq) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(conversationId), Topic.account(accountId));
    }
}
