package dev.parley.agentgateway.internal;

import java.time.Instant;

import dev.parley.clusterbus.SlowSubscriberException;
import dev.parley.security.AgentAuthentication;
import dev.parley.security.AgentPrincipal;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.annotation.ConnectMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A console connection's life: its set-up, its inbox stream, and renewing its token. */
@Controller
class ConnectionRoutes {

    private final AgentConnections connections;
    private final InboxStream inbox;
    private final AgentAuthentication authentication;

    ConnectionRoutes(AgentConnections connections, InboxStream inbox, AgentAuthentication authentication) {
        this.connections = connections;
        this.inbox = inbox;
        this.authentication = authentication;
    }

    /**
     * The set-up frame was authenticated by the security interceptor; from here the connection is
     * watched, and it holds a presence lease for the agent until it closes.
     */
    @ConnectMapping
    Mono<Void> connect(@AuthenticationPrincipal AgentPrincipal agent, RSocketRequester requester) {
        return connections.opened(requester, agent);
    }

    /** Every event of the account the agent may see, honouring the console's demand. */
    @MessageMapping("inbox")
    Flux<byte[]> inbox(@AuthenticationPrincipal AgentPrincipal agent, Requests.Inbox request) {
        Flux<byte[]> frames = inbox.open(agent, InboxStream.cursors(request == null ? null : request.cursors()));
        if (request != null && Boolean.TRUE.equals(request.batches())) {
            frames = InboxBatches.of(frames);
        }
        return frames
                .onErrorMap(SlowSubscriberException.class,
                        slow -> new GatewayException("slow_consumer", "The console fell too far behind; reconnect and resume"))
                .onErrorMap(GatewayErrors::inStream);
    }

    record Renewed(Instant expiresAt) {
    }

    /** Extends the connection past its token's expiry with a fresh token of the same agent. */
    @MessageMapping("session.renew")
    Mono<Renewed> renew(Requests.Renew request, RSocketRequester requester) {
        return authentication.authenticate(request.accessToken())
                .switchIfEmpty(Mono.error(() -> new GatewayException("invalid_token", "The token is not valid")))
                .flatMap(renewed -> connections.renew(requester, renewed))
                .map(Renewed::new);
    }
}
