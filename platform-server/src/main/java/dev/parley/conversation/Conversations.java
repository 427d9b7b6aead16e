package dev.parley.conversation;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.conversation.ConversationException.Reason;
import dev.parley.conversation.internal.ConversationLifecycle;
import dev.parley.conversation.internal.ConversationRepository;
import dev.parley.conversation.internal.ConversationStreams;
import dev.parley.conversation.internal.ExportRepository;
import dev.parley.conversation.internal.MessageRepository;
import dev.parley.conversation.internal.MessageWriter;
import dev.parley.conversation.internal.Pages;
import dev.parley.conversation.internal.SearchRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Conversations and their messages.
 *
 * <p>Callers authorize first: these methods trust that the caller may act on the conversation.
 * Failures are {@link ConversationException}s; lookups complete empty when nothing matches.
 */
@Service
public class Conversations {

    /** Absolute ceiling on a message body: 16,000 characters fit the TEXT column even at 4 bytes each. */
    public static final int MAX_BODY_LENGTH = 16_000;

    private final ConversationRepository repository;
    private final MessageRepository messages;
    private final ExportRepository exports;
    private final MessageWriter writer;
    private final ConversationStreams streams;
    private final ConversationLifecycle lifecycle;
    private final ClusterBus bus;
    private final ConversationProperties properties;
    private final SearchRepository search;

    Conversations(ConversationRepository repository, MessageRepository messages, ExportRepository exports, MessageWriter writer,
            ConversationStreams streams, ConversationLifecycle lifecycle, ClusterBus bus, ConversationProperties properties,
            SearchRepository search) {
        this.search = search;
        this.repository = repository;
        this.messages = messages;
        this.exports = exports;
        this.writer = writer;
        this.streams = streams;
        this.lifecycle = lifecycle;
        this.bus = bus;
        this.properties = properties;
    }

    /**
     * The visitor's open conversation, with the command's pre-chat answers added to it (an answer
     * replaces an earlier one to the same field: a visitor who fills the offline form into a pending
     * conversation updates it); a new one, queued, when they have none.
     */
    public Mono<Conversation> open(OpenCommand command) {
        return lifecycle.open(command);
    }

    /**
     * Stores a message and completes once it is committed, with its seq. A retry with the same
     * client message id completes with the original message and stores nothing.
     */
    public Mono<Posted> post(PostCommand command) {
        if (!PostCommand.validClientMsgId(command.clientMsgId())) {
            return Mono.error(new IllegalArgumentException("clientMsgId must be 1 to 64 characters of [A-Za-z0-9_.:-]"));
        }
        if (command.body() == null || command.body().isBlank() || command.body().length() > MAX_BODY_LENGTH) {
            return Mono.error(new IllegalArgumentException("body must be 1 to " + MAX_BODY_LENGTH + " characters"));
        }
        return writer.submit(command);
    }

    /** Closes the conversation; closing a closed one changes nothing. */
    public Mono<Conversation> close(String conversationId, Author by) {
        return lifecycle.close(conversationId, by);
    }

    /** Opens a closed conversation again, back in the queue; fails with CONFLICT when the visitor has another open one. */
    public Mono<Conversation> reopen(String conversationId, Author by) {
        return lifecycle.reopen(conversationId, by);
    }

    /** The {@code rating_comment} column's size: a longer comment would need a migration, not a setting. */
    public static final int MAX_RATING_COMMENT_LENGTH = 2_000;

    /**
     * Records the visitor's satisfaction with a closed conversation, 1 (poor) to 5 (great), with an
     * optional comment of at most {@link #MAX_RATING_COMMENT_LENGTH} characters. Fails with
     * {@code NOT_CLOSED} while it is still open.
     */
    public Mono<Void> rate(Conversation conversation, int rating, String comment) {
        if (rating < 1 || rating > 5 || (comment != null && comment.length() > MAX_RATING_COMMENT_LENGTH)) {
            return Mono.error(new IllegalArgumentException("rating must be 1 to 5 and the comment at most "
                    + MAX_RATING_COMMENT_LENGTH + " characters"));
        }
        return repository.rate(conversation.id(), rating, comment).flatMap(changed -> changed == 0
                ? Mono.error(new ConversationException(Reason.NOT_CLOSED, "Only a closed conversation can be rated"))
                : bus.publish(new ConversationRated(conversation.accountId(), conversation.id(), rating, comment)));
    }

    /** Tells the other side someone is typing; nothing is stored. See {@link TypingChanged#seenSeq()}. */
    public Mono<Void> typing(Conversation conversation, Author author, boolean active, String draft, boolean internal, long seenSeq) {
        return bus.publish(new TypingChanged(conversation.accountId(), conversation.id(), author, active,
                author.kind() == AuthorKind.VISITOR ? draft : null, internal, Math.max(0, seenSeq)));
    }

    /** Raises the reader's read mark to {@code upToSeq}; lowering it or passing the last message changes nothing. */
    public Mono<Void> markRead(Conversation conversation, AuthorKind reader, long upToSeq) {
        return repository.markRead(conversation.id(), reader, upToSeq)
                .flatMap(changed -> changed == 0 ? Mono.empty()
                        : bus.publish(new MessagesRead(conversation.accountId(), conversation.id(), reader, upToSeq)));
    }

    /**
     * Gives one visitor's conversations to another, when two visitors turn out to be one person.
     * The open conversation moves only if the receiving visitor has none; otherwise it stays.
     */
    public Mono<Void> moveVisitor(String fromVisitorId, String toVisitorId) {
        return lifecycle.moveVisitor(fromVisitorId, toVisitorId);
    }

    /**
     * Every message of the conversation as {@code audience} may see it, oldest first, read from the
     * database {@code pageSize} at a time as the subscriber asks for more: memory stays flat however
     * long the conversation is.
     */
    public Flux<Message> transcript(String conversationId, Audience audience, int pageSize) {
        return Pages.keyset((Message last) -> messages.after(conversationId, last == null ? 0 : last.seq(), pageSize), pageSize)
                .filter(m -> audience.sees(m.kind()));
    }

    /**
     * The messages of the conversations {@code filter} selects, in conversation creation order and
     * then seq order: conversations and then each one's messages read {@code pageSize} at a time as
     * the subscriber asks for more (see {@link Pages}). Notes and system events included: only admins export.
     */
    public Flux<ExportedMessage> export(ExportFilter filter, int pageSize) {
        return exports.export(filter, pageSize);
    }

    /** Forgets a team on the account's closed conversations, before the team is deleted. */
    public Mono<Void> detachTeam(String accountId, String teamId) {
        return repository.detachTeam(accountId, teamId).then();
    }

    public Mono<Conversation> find(String conversationId) {
        return repository.findWellFormed(conversationId);
    }

    /** A page of an account's conversations; the limit is capped at the history page size. */
    public Flux<Conversation> list(ConversationQuery query) {
        int limit = Math.max(1, Math.min(query.limit(), properties.historyMaxPage()));
        return repository.list(new ConversationQuery(query.accountId(), query.view(), query.agentId(), limit, query.before(),
                query.beforeId()));
    }

    /** A visitor's conversations, newest first. */
    public Flux<Conversation> forVisitor(String visitorId, int limit) {
        return repository.findForVisitor(visitorId, Math.max(1, Math.min(limit, properties.historyMaxPage())));
    }

    /** Conversations matching the search, newest activity first; the limit is capped at the history page size. */
    public Flux<Conversation> search(ConversationSearch query) {
        if (query.text() == null || query.text().isBlank()) {
            return Flux.empty();
        }
        int limit = Math.max(1, Math.min(query.limit(), properties.historyMaxPage()));
        return search.search(new ConversationSearch(query.accountId(), query.agentId(), query.text().strip(), limit));
    }

    public Mono<Conversation> findOpenForVisitor(String visitorId) {
        return repository.findOpenForVisitor(visitorId);
    }

    /** A history page when the client names no size: a screenful or two of a chat window. */
    public static final int DEFAULT_HISTORY_PAGE = 50;

    /**
     * The last {@code limit} messages before {@code beforeSeq} (the newest when it is null) that
     * {@code audience} may see, oldest first; {@code limit} is capped at the configured history page.
     */
    public Mono<HistoryPage> history(String conversationId, Long beforeSeq, int limit, Audience audience) {
        int size = Math.max(1, Math.min(limit, properties.historyMaxPage()));
        // One more than the page: whether it is there says whether older messages are left.
        return messages.before(conversationId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, size + 1, audience)
                .collectList()
                .map(found -> found.size() > size ? new HistoryPage(found.subList(1, found.size()), true) : new HistoryPage(found, false));
    }

    /**
     * The conversation's messages after {@code afterSeq}, then its live events, as {@code audience}
     * may see them. A {@link dev.parley.clusterbus.BusReady} follows each database catch-up: the first
     * one says the reader holds everything stored before it. See {@link ConversationStreams} for the
     * ordering guarantees; a consumer more than
     * {@code buffer} events behind fails with {@link dev.parley.clusterbus.SlowSubscriberException}.
     */
    public Flux<ClusterEvent> stream(Conversation conversation, long afterSeq, Audience audience, int buffer) {
        return streams.stream(conversation, afterSeq, audience, buffer);
    }

    /**
     * What a reader who holds everything up to {@code afterSeq} missed, as {@link MessagePosted}
     * events oldest first, or {@link HistoryTruncated} and the newest resume window when it is more.
     * Includes notes: only agents' streams use it.
     */
    public Flux<ClusterEvent> missed(Conversation conversation, long afterSeq) {
        return streams.missed(conversation, afterSeq);
    }
}
