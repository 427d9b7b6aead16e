package dev.parley.conversation;

import java.util.List;

/**
 * One page of a conversation's history, oldest first.
 *
 * @param hasMore whether older messages are left: the next page is the one before the first message's seq
 */
public record HistoryPage(List<Message> messages, boolean hasMore) {

    public HistoryPage {
        messages = List.copyOf(messages);
    }
}
