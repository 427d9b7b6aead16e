package dev.parley.visitorgateway.internal;

import java.util.Map;

import dev.parley.conversation.Author;
import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationException;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.OpenCommand;
import dev.parley.conversation.PostCommand;
import dev.parley.visitor.Visitor;
import reactor.core.publisher.Mono;

/**
 * What each inbound frame does. Methods run one frame at a time per connection, in arrival order,
 * so a send's seq follows the order the visitor sent in.
 */
final class FrameHandlers {

    private final VisitorConnection connection;
    private final GatewayContext context;
    private final SendRate sends;
    private final SendRate signals;
    private final FrameRules rules;
    private final IdentityHandlers identities;

    FrameHandlers(VisitorConnection connection, GatewayContext context, SendRate sends, SendRate signals) {
        this.connection = connection;
        this.context = context;
        this.sends = sends;
        this.signals = signals;
        this.rules = new FrameRules(context.limits().maxMessageLength());
        this.identities = new IdentityHandlers(connection, context);
    }

    Mono<Void> handle(InboundFrame frame) {
        if (frame instanceof InboundFrame.Ping) {
            connection.emit(OutboundFrames.pong());
            return Mono.empty();
        }
        if (frame instanceof InboundFrame.Hello hello) {
            return identities.hello(hello);
        }
        Visitor visitor = connection.visitor;
        if (visitor == null) {
            throw FrameException.protocol("not_authenticated", "Send a hello frame with your token first");
        }
        if (frame instanceof InboundFrame.Identify identify) {
            return identities.identify(visitor, identify);
        }
        if (frame instanceof InboundFrame.Start start) {
            return start(visitor, start);
        }
        if (frame instanceof InboundFrame.Send send) {
            return send(visitor, send);
        }
        if (frame instanceof InboundFrame.Typing typing) {
            return typing(visitor, typing);
        }
        if (frame instanceof InboundFrame.Read read) {
            return read(read);
        }
        if (frame instanceof InboundFrame.PageView view) {
            return pageView(visitor, view);
        }
        if (frame instanceof InboundFrame.Rate rate) {
            return rate(rate);
        }
        if (frame instanceof InboundFrame.Transcript transcript) {
            return TranscriptRequests.handle(connection, context, visitor, requireConversation(), transcript);
        }
        return close(visitor);
    }

    /** The client message id a frame carries, echoed in its error. */
    static String ref(InboundFrame frame) {
        if (frame instanceof InboundFrame.Send send) {
            return send.clientMsgId();
        }
        if (frame instanceof InboundFrame.Transcript) {
            return TranscriptRequests.REF;
        }
        return frame instanceof InboundFrame.Start start ? start.clientMsgId() : null;
    }

    private Mono<Void> start(Visitor visitor, InboundFrame.Start start) {
        Map<String, String> prechat = rules.validPrechat(connection.site(), start.prechat());
        if (start.body() != null) {
            rules.validMessage(start.clientMsgId(), start.body());
        }
        spend(sends);
        return context.visitors().contact(visitor, prechat.get("name"), prechat.get("email"))
                .onErrorMap(IllegalArgumentException.class, e -> FrameException.refused("invalid_prechat", e.getMessage()))
                .doOnNext(updated -> connection.visitor = updated)
                .flatMap(updated -> context.conversations()
                        .open(new OpenCommand(updated.accountId(), updated.siteId(), updated.id(), prechat, null)))
                .flatMap(opened -> {
                    connection.emit(OutboundFrames.started(opened));
                    Conversation current = connection.conversation;
                    Mono<Void> following = current == null || !current.id().equals(opened.id())
                            ? connection.follow(opened, 0) : Mono.empty();
                    return start.body() == null ? following
                            : following.then(Mono.defer(() -> post(connection.visitor, opened, start.clientMsgId(), start.body())));
                });
    }

    private Mono<Void> send(Visitor visitor, InboundFrame.Send send) {
        rules.validMessage(send.clientMsgId(), send.body());
        Conversation conversation = requireConversation();
        spend(sends);
        return post(visitor, conversation, send.clientMsgId(), send.body());
    }

    private Mono<Void> post(Visitor visitor, Conversation conversation, String clientMsgId, String body) {
        return context.conversations()
                .post(PostCommand.text(conversation.id(), clientMsgId, Author.visitor(visitor.id(), visitor.name()), body))
                .doOnNext(posted -> {
                    connection.emit(OutboundFrames.ack(posted.message(), posted.duplicate()));
                    connection.saw(posted.message().seq());
                })
                .onErrorResume(ConversationException.class, e -> {
                    connection.emit(OutboundFrames.error(FrameRules.code(e), e.getMessage(), clientMsgId, e.retryable()));
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Void> typing(Visitor visitor, InboundFrame.Typing typing) {
        Conversation conversation = connection.conversation;
        if (conversation == null || !signals.tryTake()) {
            return Mono.empty();
        }
        String draft = typing.draft();
        if (draft != null && draft.length() > context.limits().maxMessageLength()) {
            draft = draft.substring(0, context.limits().maxMessageLength());
        }
        boolean active = typing.active() == null || typing.active();
        return context.conversations().typing(conversation, Author.visitor(visitor.id(), visitor.name()), active,
                active ? draft : null, false, connection.seenSeq());
    }

    private Mono<Void> read(InboundFrame.Read read) {
        if (read.upToSeq() == null || read.upToSeq() < 0) {
            throw FrameException.protocol("invalid_field", "Field 'upToSeq' must be a non-negative number");
        }
        Conversation conversation = connection.conversation;
        if (conversation == null || !signals.tryTake()) {
            return Mono.empty();
        }
        return context.conversations().markRead(conversation, AuthorKind.VISITOR, read.upToSeq());
    }

    private Mono<Void> pageView(Visitor visitor, InboundFrame.PageView view) {
        if (!signals.tryTake()) {
            return Mono.empty();
        }
        return context.visitors().pageView(visitor, view.url(), view.title(), view.referrer())
                .onErrorMap(IllegalArgumentException.class, e -> FrameException.refused("invalid_url", e.getMessage()));
    }

    private Mono<Void> rate(InboundFrame.Rate rate) {
        if (rate.rating() == null || rate.rating() < 1 || rate.rating() > 5) {
            throw FrameException.protocol("invalid_field", "Field 'rating' must be 1 to 5");
        }
        if (rate.comment() != null && rate.comment().length() > Conversations.MAX_RATING_COMMENT_LENGTH) {
            throw FrameException.protocol("invalid_field", "Field 'comment' has at most " + Conversations.MAX_RATING_COMMENT_LENGTH + " characters");
        }
        return context.conversations().rate(requireConversation(), rate.rating(), rate.comment())
                .onErrorMap(ConversationException.class, e -> FrameException.refused(FrameRules.code(e), e.getMessage()));
    }

    private Mono<Void> close(Visitor visitor) {
        Conversation conversation = requireConversation();
        return context.conversations().close(conversation.id(), Author.visitor(visitor.id(), visitor.name())).then();
    }

    private Conversation requireConversation() {
        Conversation conversation = connection.conversation;
        if (conversation == null) {
            throw FrameException.refused("no_conversation", "Start a conversation first");
        }
        return conversation;
    }

    private static void spend(SendRate rate) {
        if (!rate.tryTake()) {
            throw FrameException.later("rate_limited", "Too many messages; wait a moment and send again");
        }
    }

}
