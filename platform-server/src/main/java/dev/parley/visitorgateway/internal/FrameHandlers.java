package dev.parley.visitorgateway.internal;

import java.util.Map;
import java.util.Optional;

import dev.parley.conversation.Author;
import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationException;
import dev.parley.conversation.OpenCommand;
import dev.parley.conversation.PostCommand;
import dev.parley.site.PrechatField;
import dev.parley.visitor.Visitor;
import io.github.bucket4j.Bucket;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Mono;

/**
 * What each inbound frame does. Methods run one frame at a time per connection, in arrival order,
 * so a send's seq follows the order the visitor sent in.
 */
final class FrameHandlers {

    /** Longest answer to one pre-chat field. */
    private static final int MAX_PRECHAT_VALUE = 1_000;

    private final VisitorConnection connection;
    private final GatewayContext context;
    private final Bucket sends;
    private final Bucket signals;

    FrameHandlers(VisitorConnection connection, GatewayContext context, Bucket sends, Bucket signals) {
        this.connection = connection;
        this.context = context;
        this.sends = sends;
        this.signals = signals;
    }

    Mono<Void> handle(InboundFrame frame) {
        if (frame instanceof InboundFrame.Ping) {
            connection.emit(OutboundFrames.pong());
            return Mono.empty();
        }
        if (frame instanceof InboundFrame.Hello hello) {
            return hello(hello);
        }
        Visitor visitor = connection.visitor;
        if (visitor == null) {
            throw FrameException.protocol("not_authenticated", "Send a hello frame with your token first");
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
        return close(visitor);
    }

    /** The client message id a frame carries, echoed in its error. */
    static String ref(InboundFrame frame) {
        if (frame instanceof InboundFrame.Send send) {
            return send.clientMsgId();
        }
        return frame instanceof InboundFrame.Start start ? start.clientMsgId() : null;
    }

    private Mono<Void> hello(InboundFrame.Hello hello) {
        if (connection.visitor != null) {
            throw FrameException.protocol("already_authenticated", "This socket is already authenticated");
        }
        if (hello.token() == null) {
            throw FrameException.protocol("invalid_field", "Field 'token' is required");
        }
        long lastSeq = hello.lastSeq() == null ? 0 : hello.lastSeq();
        if (lastSeq < 0) {
            throw FrameException.protocol("invalid_field", "Field 'lastSeq' must not be negative");
        }
        return context.visitors().authenticate(connection.site(), hello.token())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        refuseAndClose("invalid_token", "The token is not valid for this site");
                        return Mono.empty();
                    }
                    Visitor visitor = found.get();
                    return context.visitors().banned(visitor, connection.ip()).flatMap(banned -> {
                        if (banned) {
                            refuseAndClose("banned", "You cannot chat on this site");
                            return Mono.empty();
                        }
                        connection.authenticated(visitor);
                        return attach(visitor, hello.conversationId(), lastSeq);
                    });
                });
    }

    private Mono<Void> attach(Visitor visitor, String conversationId, long lastSeq) {
        Mono<Conversation> target = conversationId == null
                ? context.conversations().findOpenForVisitor(visitor.id())
                : context.conversations().find(conversationId).filter(c -> c.visitorId().equals(visitor.id()));
        return target.map(Optional::of).defaultIfEmpty(Optional.empty()).doOnNext(found -> {
            connection.emit(OutboundFrames.welcome(visitor.id(), found.orElse(null)));
            found.ifPresent(c -> connection.follow(c, lastSeq));
            if (found.isEmpty() && conversationId != null) {
                connection.emit(OutboundFrames.error("conversation_not_found", "No such conversation", conversationId, false));
            }
        }).then();
    }

    private Mono<Void> start(Visitor visitor, InboundFrame.Start start) {
        Map<String, String> prechat = validPrechat(start.prechat());
        if (start.body() != null) {
            validMessage(start.clientMsgId(), start.body());
        }
        spend(sends);
        return context.conversations()
                .open(new OpenCommand(visitor.accountId(), visitor.siteId(), visitor.id(), prechat, null))
                .flatMap(opened -> {
                    connection.emit(OutboundFrames.started(opened));
                    Conversation current = connection.conversation;
                    if (current == null || !current.id().equals(opened.id())) {
                        connection.follow(opened, 0);
                    }
                    return start.body() == null ? Mono.empty() : post(visitor, opened, start.clientMsgId(), start.body());
                });
    }

    private Mono<Void> send(Visitor visitor, InboundFrame.Send send) {
        validMessage(send.clientMsgId(), send.body());
        Conversation conversation = requireConversation();
        spend(sends);
        return post(visitor, conversation, send.clientMsgId(), send.body());
    }

    private Mono<Void> post(Visitor visitor, Conversation conversation, String clientMsgId, String body) {
        return context.conversations()
                .post(PostCommand.text(conversation.id(), clientMsgId, Author.visitor(visitor.id(), visitor.name()), body))
                .doOnNext(posted -> connection.emit(OutboundFrames.ack(posted.message(), posted.duplicate())))
                .onErrorResume(ConversationException.class, e -> {
                    connection.emit(OutboundFrames.error(code(e), e.getMessage(), clientMsgId, e.retryable()));
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Void> typing(Visitor visitor, InboundFrame.Typing typing) {
        Conversation conversation = connection.conversation;
        if (conversation == null || !signals.tryConsume(1)) {
            return Mono.empty();
        }
        String draft = typing.draft();
        if (draft != null && draft.length() > context.limits().maxMessageLength()) {
            draft = draft.substring(0, context.limits().maxMessageLength());
        }
        boolean active = typing.active() == null || typing.active();
        return context.conversations().typing(conversation, Author.visitor(visitor.id(), visitor.name()), active,
                active ? draft : null, false);
    }

    private Mono<Void> read(InboundFrame.Read read) {
        if (read.upToSeq() == null || read.upToSeq() < 0) {
            throw FrameException.protocol("invalid_field", "Field 'upToSeq' must be a non-negative number");
        }
        Conversation conversation = connection.conversation;
        if (conversation == null || !signals.tryConsume(1)) {
            return Mono.empty();
        }
        return context.conversations().markRead(conversation, AuthorKind.VISITOR, read.upToSeq());
    }

    private Mono<Void> pageView(Visitor visitor, InboundFrame.PageView view) {
        if (!signals.tryConsume(1)) {
            return Mono.empty();
        }
        return context.visitors().pageView(visitor, view.url(), view.title(), view.referrer())
                .onErrorMap(IllegalArgumentException.class, e -> FrameException.refused("invalid_url", e.getMessage()));
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

    private void validMessage(String clientMsgId, String body) {
        if (!PostCommand.validClientMsgId(clientMsgId)) {
            throw FrameException.protocol("invalid_field", "Field 'clientMsgId' must be 1 to 64 characters of [A-Za-z0-9_.:-]");
        }
        if (body == null || body.isBlank()) {
            throw FrameException.refused("empty_message", "A message needs some text");
        }
        if (body.length() > context.limits().maxMessageLength()) {
            throw FrameException.refused("message_too_long", "A message has at most " + context.limits().maxMessageLength() + " characters");
        }
    }

    private Map<String, String> validPrechat(Map<String, String> answers) {
        Map<String, String> given = answers == null ? Map.of() : answers;
        for (PrechatField field : connection.site().prechatFields()) {
            String value = given.get(field.name());
            if (field.required() && (value == null || value.isBlank())) {
                throw FrameException.refused("invalid_prechat", "Field '" + field.name() + "' is required");
            }
        }
        for (Map.Entry<String, String> answer : given.entrySet()) {
            boolean known = connection.site().prechatFields().stream().anyMatch(f -> f.name().equals(answer.getKey()));
            if (!known || answer.getValue() == null || answer.getValue().length() > MAX_PRECHAT_VALUE) {
                throw FrameException.refused("invalid_prechat", "Field '" + answer.getKey() + "' is not on this site's form or too long");
            }
        }
        return given;
    }

    private static void spend(Bucket bucket) {
        if (!bucket.tryConsume(1)) {
            throw FrameException.later("rate_limited", "Too many messages; wait a moment and send again");
        }
    }

    private void refuseAndClose(String code, String message) {
        connection.emit(OutboundFrames.error(code, message, null, false));
        connection.closeAfterFlush(CloseStatus.POLICY_VIOLATION.withReason(code));
    }

    private static String code(ConversationException e) {
        return switch (e.reason()) {
            case CLOSED -> "conversation_closed";
            case NOT_FOUND -> "conversation_not_found";
            case CONFLICT -> "conflict";
            case OVERLOADED, UNAVAILABLE -> "retry_later";
        };
    }
}
