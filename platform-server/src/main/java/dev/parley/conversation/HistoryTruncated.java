package dev.parley.conversation;

import java.util.List;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;

/**
 * Emitted by a stream, never published: more messages were missed than a resume replays. The
 * stream continues from {@code fromSeq}; the client pages back through history for what lies
 * between its last seq and {@code fromSeq}.
 */
public record HistoryTruncated(String conversationId, long afterSeq, long fromSeq) implements ClusterEvent {

    @Override
    public List<Topic> topics() {
        return List.of(Topic.conversation(conversationId));
    }
}
