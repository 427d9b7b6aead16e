package dev.parley.transcript.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import dev.parley.agent.Role;
import dev.parley.conversation.Audience;
import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.RequestFields;
import dev.parley.transcript.TranscriptFormat;
import dev.parley.transcript.Transcripts;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * One conversation's transcript for the agents who may see it, and sending it by email. Admins and
 * supervisors see every conversation of their account; an agent those assigned to them and those
 * waiting in the queue, as in the console. Anything else answers like a missing conversation.
 */
@RestController
class TranscriptApi {

    private final Conversations conversations;
    private final Transcripts transcripts;

    TranscriptApi(Conversations conversations, Transcripts transcripts) {
        this.conversations = conversations;
        this.transcripts = transcripts;
    }

    /**
     * {@code format} ({@code json}, {@code txt}, {@code html}, {@code csv}) wins over the Accept
     * header; without either it is JSON. Times in {@code zone} (IANA), UTC by default. HTML is shown
     * in the browser (printable); the others download.
     */
    @GetMapping("/api/v1/conversations/{conversationId}/transcript")
    Mono<Void> transcript(@AuthenticationPrincipal AgentPrincipal agent, @PathVariable String conversationId,
            @RequestParam(required = false) String format, @RequestParam(required = false) String zone, ServerWebExchange exchange) {
        TranscriptFormat chosen = negotiate(format, exchange.getRequest().getHeaders().getAccept());
        ZoneId timeZone = zone(zone);
        return visible(agent, conversationId).flatMap(c -> write(exchange.getResponse(), chosen,
                "transcript-" + c.id() + "." + chosen.extension(), chosen != TranscriptFormat.HTML,
                transcripts.render(c, Audience.AGENT, chosen, timeZone)));
    }

    /**
     * Mails the visitor's view of the conversation (without internal notes) to {@code to}, or to the
     * visitor's own address when {@code to} is left out. {@code 202} once the mail server took it.
     */
    @PostMapping("/api/v1/conversations/{conversationId}/transcript/email")
    Mono<ResponseEntity<Void>> email(@AuthenticationPrincipal AgentPrincipal agent, @PathVariable String conversationId,
            @RequestBody(required = false) JsonNode body) {
        String to;
        if (body == null || body.isEmpty()) {
            to = null;
        }
        else {
            RequestFields f = RequestFields.of(body);
            to = f.text("to", 320, false);
            f.check();
        }
        // Sending is acting on the conversation: an agent must hold it, as for writing to the visitor.
        return visible(agent, conversationId)
                .filter(c -> agent.role() != Role.AGENT || agent.agentId().equals(c.assignedAgentId()))
                .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("conversation")))
                .flatMap(c -> Mono.justOrEmpty(to).switchIfEmpty(transcripts.visitorEmail(c))
                        .switchIfEmpty(Mono.error(() -> ApiProblems.invalidField("to", "The visitor left no email address; name one in to")))
                        .flatMap(address -> transcripts.email(c, new Transcripts.Requester(AuthorKind.AGENT, agent.agentId()), address)))
                .thenReturn(ResponseEntity.accepted().build());
    }

    private Mono<Conversation> visible(AgentPrincipal agent, String conversationId) {
        return conversations.find(conversationId)
                .filter(c -> c.accountId().equals(agent.accountId()) && (agent.role() != Role.AGENT
                        || agent.agentId().equals(c.assignedAgentId()) || c.status() == ConversationStatus.QUEUED
                        || c.status() == ConversationStatus.PENDING))
                .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("conversation")));
    }

    static TranscriptFormat negotiate(String format, List<MediaType> accept) {
        if (format != null) {
            TranscriptFormat named = TranscriptFormat.named(format);
            if (named == null || named == TranscriptFormat.NDJSON) {
                throw ApiProblems.invalidField("format", "format must be json, txt, html or csv");
            }
            return named;
        }
        List<MediaType> byQuality = accept.stream()
                .sorted(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed()).toList();
        for (MediaType wanted : byQuality) {
            for (TranscriptFormat candidate : new TranscriptFormat[] {TranscriptFormat.JSON, TranscriptFormat.TXT, TranscriptFormat.HTML,
                    TranscriptFormat.CSV}) {
                if (!wanted.isWildcardType() && wanted.isCompatibleWith(candidate.mediaType())) {
                    return candidate;
                }
            }
        }
        return TranscriptFormat.JSON;
    }

    static ZoneId zone(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        }
        catch (DateTimeException e) {
            throw ApiProblems.invalidField("zone", "zone must be an IANA time-zone id such as Europe/Berlin");
        }
    }

    /** Streams {@code pieces} as the body, each written as soon as it is produced. */
    static Mono<Void> write(ServerHttpResponse response, TranscriptFormat format, String filename, boolean download, Flux<String> pieces) {
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(format.mediaType());
        headers.setContentDisposition((download ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(filename, StandardCharsets.UTF_8).build());
        headers.setCacheControl("no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        if (format == TranscriptFormat.HTML) {
            // Everything in it is escaped already; this is the second lock: no script, no remote content.
            headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        }
        DataBufferFactory buffers = response.bufferFactory();
        return response.writeWith(pieces.map(piece -> {
            DataBuffer buffer = buffers.wrap(piece.getBytes(StandardCharsets.UTF_8));
            return buffer;
        }));
    }
}
