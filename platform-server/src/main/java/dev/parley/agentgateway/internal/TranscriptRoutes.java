package dev.parley.agentgateway.internal;

import dev.parley.conversation.AuthorKind;
import dev.parley.security.AgentPrincipal;
import dev.parley.transcript.TranscriptException;
import dev.parley.transcript.Transcripts;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The console's transcript route: an agent mails a conversation's transcript to its visitor. */
@Controller
class TranscriptRoutes {

    private final ConversationAccess access;
    private final Transcripts transcripts;

    TranscriptRoutes(ConversationAccess access, Transcripts transcripts) {
        this.access = access;
        this.transcripts = transcripts;
    }

    record Sent(String conversationId, boolean sent) {
    }

    /**
     * Mails the visitor's view (no internal notes) to {@code to}, or to the visitor's own address.
     * Only the assigned agent or a supervisor may; completes once the mail server took it. Errors:
     * not_found, not_assigned, invalid_email, no_email, rate_limited, mail_unavailable, mail_busy,
     * mail_failed.
     */
    @MessageMapping("conversations.transcript.email")
    Mono<Sent> email(@AuthenticationPrincipal AgentPrincipal agent, Requests.TranscriptEmail request) {
        String to = request.to() == null || request.to().isBlank() ? null : request.to();
        return access.actionable(agent, request.conversationId())
                .flatMap(c -> Mono.justOrEmpty(to).switchIfEmpty(transcripts.visitorEmail(c))
                        .switchIfEmpty(Mono.error(() -> new GatewayException("no_email", "The visitor left no email address; give one in to")))
                        .flatMap(address -> transcripts.email(c, new Transcripts.Requester(AuthorKind.AGENT, agent.agentId()), address))
                        .thenReturn(new Sent(c.id(), true)))
                .onErrorMap(TranscriptException.class, e -> new GatewayException(e.code(), e.getMessage()));
    }
}
