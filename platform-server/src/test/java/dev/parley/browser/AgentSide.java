package dev.parley.browser;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.conversation.Audience;
import dev.parley.conversation.Author;
import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.MessagePosted;
import dev.parley.conversation.MessagesRead;
import dev.parley.conversation.PostCommand;
import dev.parley.conversation.TypingChanged;
import dev.parley.shared.Ids;
import org.springframework.context.ApplicationContext;
import reactor.core.Disposable;

/**
 * The agent at the other end of a visitor's chat, as the browser tests need one: it says things,
 * types, reads, and watches what the visitor does. It goes through the conversation module's API
 * in the test's JVM; every test talks to it only through these methods, so a real agent client
 * can take its place without touching them.
 */
final class AgentSide implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Author ALICE = Author.agent(Ids.next(), "Alice");

    private final Conversations conversations;
    private final BlockingQueue<ClusterEvent> seen = new LinkedBlockingQueue<>();
    private Disposable watch;

    AgentSide(ApplicationContext node) {
        this.conversations = node.getBean(Conversations.class);
    }

    /** Posts a message as Alice; returns its seq once committed. */
    long say(String conversationId, String body) {
        return conversations.post(PostCommand.text(conversationId, "agent-" + Ids.next(), ALICE, body)).block(WAIT).message().seq();
    }

    void typing(String conversationId, boolean active) {
        conversations.typing(conversation(conversationId), ALICE, active, null, false).block(WAIT);
    }

    void read(String conversationId, long upToSeq) {
        conversations.markRead(conversation(conversationId), AuthorKind.AGENT, upToSeq).block(WAIT);
    }

    /** Starts seeing the conversation as an agent would, from its first message. */
    void watch(String conversationId) {
        watch = conversations.stream(conversation(conversationId), 0, Audience.AGENT, 1024).subscribe(seen::add);
    }

    /** The visitor's live draft, once it matches. */
    String awaitVisitorDraft(Predicate<String> match) {
        TypingChanged typing = await(TypingChanged.class,
                t -> t.author().kind() == AuthorKind.VISITOR && t.active() && t.draft() != null && match.test(t.draft()));
        return typing.draft();
    }

    /** The visitor's message with this body. */
    MessagePosted awaitVisitorMessage(String body) {
        return await(MessagePosted.class, m -> m.message().author().kind() == AuthorKind.VISITOR && body.equals(m.message().body()));
    }

    /** The visitor's read mark reaching {@code seq}. */
    MessagesRead awaitVisitorRead(long seq) {
        return await(MessagesRead.class, r -> r.reader() == AuthorKind.VISITOR && r.upToSeq() >= seq);
    }

    /** Every message of the conversation, oldest first, as stored. */
    List<String> bodies(String conversationId) {
        return conversations.history(conversationId, null, 100, Audience.AGENT).map(m -> m.body()).collectList().block(WAIT);
    }

    private Conversation conversation(String conversationId) {
        return conversations.find(conversationId).blockOptional(WAIT).orElseThrow();
    }

    private <T> T await(Class<T> type, Predicate<T> match) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                ClusterEvent event = seen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (type.isInstance(event) && match.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("The agent saw no matching " + type.getSimpleName() + " within " + WAIT);
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.dispose();
        }
    }
}
