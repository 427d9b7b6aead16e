package dev.parley.conversation.internal;

import java.util.ArrayList;
import java.util.List;

import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterBus;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.Topic;
import dev.parley.conversation.Audience;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.HistoryTruncated;
import dev.parley.conversation.Message;
import dev.parley.conversation.MessagePosted;
import dev.parley.conversation.TypingChanged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A conversation's events for one reader: first the messages after the reader's last seq from the
 * database, then live events from the bus, with no gap and no duplicate between or within them.
 *
 * <p>The bus subscription starts before the database is read (the read happens on
 * {@link BusReady}), so a message committed during the replay arrives live as well and is dropped
 * as already delivered. A live message whose seq skips ahead of the last delivered one means the bus
 * lost something, and the missing range is read from the database before it is delivered. A
 * {@link BusReady} after a bus outage triggers the same catch-up. Each {@link BusReady} is passed
 * on after the messages its catch-up found.
 */
public class ConversationStreams {

    private final ClusterBus bus;
    private final MessageRepository messages;
    private final int resumeMaxMessages;

    ConversationStreams(ClusterBus bus, MessageRepository messages, int resumeMaxMessages) {
        this.bus = bus;
        this.messages = messages;
        this.resumeMaxMessages = resumeMaxMessages;
    }

    public Flux<ClusterEvent> stream(Conversation conversation, long afterSeq, Audience audience, int buffer) {
        return Flux.defer(() -> {
            long[] delivered = {Math.max(0, afterSeq)};
            return bus.subscribe(Topic.conversation(conversation.id()), buffer)
                    .concatMap(event -> {
                        if (event instanceof BusReady) {
                            // Passed on after its catch-up: from here the reader holds everything
                            // stored before, and whatever it sends next is acknowledged before its echo.
                            return catchUp(conversation, delivered).concatWith(Mono.just(event));
                        }
                        if (event instanceof MessagePosted posted) {
                            return deliver(conversation, posted, delivered);
                        }
                        return Mono.just(event);
                    })
                    .filter(event -> visible(event, audience));
        });
    }

    /**
     * The messages after {@code afterSeq}, oldest first, as {@link MessagePosted} events; more than
     * the resume window yields {@link HistoryTruncated} and the newest window only.
     */
    public Flux<ClusterEvent> missed(Conversation conversation, long afterSeq) {
        return Flux.defer(() -> catchUp(conversation, new long[] {Math.max(0, afterSeq)}));
    }

    private Flux<ClusterEvent> deliver(Conversation conversation, MessagePosted posted, long[] delivered) {
        long seq = posted.message().seq();
        if (seq <= delivered[0]) {
            return Flux.empty();
        }
        if (seq == delivered[0] + 1) {
            delivered[0] = seq;
            return Flux.just(posted);
        }
        return catchUp(conversation, delivered);
    }

    private Flux<ClusterEvent> catchUp(Conversation conversation, long[] delivered) {
        long after = delivered[0];
        return messages.after(conversation.id(), after, resumeMaxMessages + 1).collectList().flatMapMany(page -> {
            if (page.size() <= resumeMaxMessages) {
                return Flux.fromIterable(advance(conversation, page, delivered));
            }
            return messages.latest(conversation.id(), after, resumeMaxMessages).flatMapMany(latest -> {
                List<ClusterEvent> events = new ArrayList<>();
                events.add(new HistoryTruncated(conversation.id(), after, latest.get(0).seq()));
                events.addAll(advance(conversation, latest, delivered));
                return Flux.fromIterable(events);
            });
        })
        // Detached when done: the stream's concatMap keeps its last inner subscription, and an idle
        // reader would hold this finished read, statement and rows included (kilobytes each).
        .onTerminateDetach();
    }

    private static List<ClusterEvent> advance(Conversation conversation, List<Message> messages, long[] delivered) {
        List<ClusterEvent> events = new ArrayList<>(messages.size());
        for (Message message : messages) {
            if (message.seq() > delivered[0]) {
                delivered[0] = message.seq();
                events.add(new MessagePosted(conversation.accountId(), message));
            }
        }
        return events;
    }

    private static boolean visible(ClusterEvent event, Audience audience) {
        if (event instanceof MessagePosted posted) {
            return audience.sees(posted.message().kind());
        }
        if (event instanceof TypingChanged typing) {
            return audience == Audience.AGENT || !typing.internal();
        }
        return true;
    }
}
