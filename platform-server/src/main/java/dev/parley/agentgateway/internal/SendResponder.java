package dev.parley.agentgateway.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.rsocket.ConnectionSetupPayload;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.util.ByteBufPayload;
import io.rsocket.util.RSocketProxy;
import dev.parley.security.AgentPrincipal;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers {@code conversations.send}, the console's most frequent request, without Spring's message
 * dispatch, which cost a tenth of the node's CPU at 2,000 chat messages a second (route matching,
 * a message and its headers, argument resolvers, a channel operator per reply). Every other request,
 * and every connection whose set-up does not declare composite metadata and JSON data, goes to
 * Spring's responder unchanged.
 *
 * <p>The answer is the one {@link ConversationRoutes#send} gives, checks included, with errors
 * framed as {@link GatewayErrors} frames them. The security interceptor wraps this acceptor, so a
 * request arrives here authorized, with its {@code SecurityContext} in the Reactor context.
 */
final class SendResponder implements SocketAcceptor {

    static final String ROUTE = "conversations.send";

    private static final String COMPOSITE = WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString();
    private static final String ROUTING = WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.getString();
    private static final String JSON = WellKnownMimeType.APPLICATION_JSON.getString();

    private final SocketAcceptor spring;
    private final ConversationRoutes routes;
    private final ObjectReader requests;
    private final ObjectWriter acks;

    /** The reader and writer are resolved once: looking the types up per request showed in profiles. */
    SendResponder(SocketAcceptor spring, ConversationRoutes routes, JsonMapper json) {
        this.spring = spring;
        this.routes = routes;
        this.requests = json.readerFor(Requests.Send.class);
        this.acks = json.writerFor(AgentViews.Ack.class);
    }

    @Override
    public Mono<RSocket> accept(ConnectionSetupPayload setup, RSocket sendingSocket) {
        boolean ours = COMPOSITE.equals(setup.metadataMimeType()) && JSON.equals(setup.dataMimeType());
        return spring.accept(setup, sendingSocket).map(responder -> ours ? new Connection(responder) : responder);
    }

    private final class Connection extends RSocketProxy {

        Connection(RSocket spring) {
            super(spring);
        }

        /** Takes ownership of the payload, as every responder does: released here unless handed on. */
        @Override
        public Mono<Payload> requestResponse(Payload payload) {
            if (!ROUTE.equals(route(payload.metadata()))) {
                return super.requestResponse(payload);
            }
            Requests.Send request;
            try {
                request = read(payload.data());
            }
            finally {
                payload.release();
            }
            if (request == null) {
                return Mono.error(GatewayErrors.unreadable());
            }
            return ReactiveSecurityContextHolder.getContext()
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException("A request reached the responder unauthenticated")))
                    .flatMap(security -> routes.send((AgentPrincipal) security.getAuthentication().getPrincipal(), request))
                    .map(ack -> (Payload) ByteBufPayload.create(Unpooled.wrappedBuffer(acks.writeValueAsBytes(ack))))
                    .onErrorMap(GatewayErrors::inReply);
        }
    }

    /** The request, or null when the data is not a JSON object. */
    private Requests.Send read(ByteBuf data) {
        if (!data.isReadable()) {
            return null;
        }
        try {
            return requests.readValue((java.io.InputStream) new ByteBufInputStream(data));
        }
        catch (JacksonException e) {
            return null;
        }
    }

    /** The first route of the request's routing metadata; null when it carries none. */
    private static String route(ByteBuf metadata) {
        if (!metadata.isReadable()) {
            return null;
        }
        try {
            for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata, false)) {
                if (ROUTING.equals(entry.getMimeType())) {
                    for (String tag : new RoutingMetadata(entry.getContent())) {
                        return tag;
                    }
                }
            }
        }
        catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException malformed) {
            // Spring's responder answers malformed metadata with its own error.
        }
        return null;
    }
}
