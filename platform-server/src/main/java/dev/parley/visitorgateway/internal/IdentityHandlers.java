package dev.parley.visitorgateway.internal;

import java.util.Optional;

import dev.parley.conversation.Conversation;
import dev.parley.visitor.Identified;
import dev.parley.visitor.Identity;
import dev.parley.visitor.IdentityRejectedException;
import dev.parley.visitor.Visitor;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Mono;

/** Who is on the socket: {@code hello} authenticates the browser's token, {@code identify} applies the site's word. */
final class IdentityHandlers {

    private final VisitorConnection connection;
    private final GatewayContext context;

    IdentityHandlers(VisitorConnection connection, GatewayContext context) {
        this.connection = connection;
        this.context = context;
    }

    Mono<Void> hello(InboundFrame.Hello hello) {
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
                    return context.bans().banned(visitor, connection.ip()).flatMap(banned -> {
                        if (banned) {
                            refuseAndClose("banned", "You cannot chat on this site");
                            return Mono.empty();
                        }
                        connection.authenticated(visitor, hello.token());
                        return attach(visitor, hello.conversationId(), lastSeq, "welcome");
                    });
                });
    }

    /**
     * Applies an identification. When a verified one turns this browser into an existing visitor,
     * that visitor's history comes along and the socket follows their open conversation.
     */
    Mono<Void> identify(Visitor visitor, InboundFrame.Identify identify) {
        Identity identity = new Identity(identify.id(), identify.name(), identify.email(), identify.hash());
        return context.visitors().identify(connection.site(), visitor, connection.token(), identity)
                .flatMap(identified -> merge(identified).then(Mono.defer(() -> {
                    connection.visitor = identified.visitor();
                    connection.emit(OutboundFrames.identified(identified.visitor()));
                    return identified.mergedFrom() == null ? Mono.empty() : attach(identified.visitor(), null, 0, null);
                })))
                .onErrorMap(IdentityRejectedException.class, e -> FrameException.refused(e.code(), e.getMessage()));
    }

    private Mono<Void> merge(Identified identified) {
        return identified.mergedFrom() == null ? Mono.empty()
                : context.conversations().moveVisitor(identified.mergedFrom(), identified.visitor().id());
    }

    /** Follows the named (or the open) conversation; {@code welcome} names the frame that announces it, if any. */
    private Mono<Void> attach(Visitor visitor, String conversationId, long lastSeq, String welcome) {
        Mono<Conversation> target = conversationId == null
                ? context.conversations().findOpenForVisitor(visitor.id())
                : context.conversations().find(conversationId).filter(c -> c.visitorId().equals(visitor.id()));
        return target.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(found -> {
            if (welcome != null) {
                connection.emit(OutboundFrames.welcome(visitor.id(), found.orElse(null)));
            }
            else {
                found.ifPresent(c -> connection.emit(OutboundFrames.started(c)));
            }
            if (found.isEmpty() && conversationId != null) {
                connection.emit(OutboundFrames.error("conversation_not_found", "No such conversation", conversationId, false));
            }
            // The next frame waits for the missed messages, so its ack comes after them.
            return found.map(c -> connection.follow(c, lastSeq)).orElse(Mono.empty());
        });
    }

    private void refuseAndClose(String code, String message) {
        connection.emit(OutboundFrames.error(code, message, null, false));
        connection.closeAfterFlush(CloseStatus.POLICY_VIOLATION.withReason(code));
    }
}
