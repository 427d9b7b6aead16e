package dev.parley.visitorgateway.internal;

import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.Conversation;
import dev.parley.transcript.TranscriptException;
import dev.parley.transcript.Transcripts;
import dev.parley.visitor.Visitor;
import reactor.core.publisher.Mono;

/** The visitor's {@code transcript} frame: mail me this conversation. */
final class TranscriptRequests {

    /** The {@code ref} of every error answering a transcript frame, so the widget can tell them from a send's. */
    static final String REF = "transcript";

    /** Longest address a mail system accepts (RFC 3696 errata: 320 characters). */
    private static final int MAX_EMAIL_LENGTH = 320;

    private TranscriptRequests() {
    }

    /**
     * Starts mailing the transcript and returns at once, so SMTP (which may take seconds) never
     * holds up the visitor's next frames: the answer, {@code transcriptSent} or an error, is emitted
     * when the mail server took the mail or refused it.
     */
    static Mono<Void> handle(VisitorConnection connection, GatewayContext context, Visitor visitor, Conversation conversation,
            InboundFrame.Transcript frame) {
        if (frame.email() != null && frame.email().length() > MAX_EMAIL_LENGTH) {
            throw FrameException.refused("invalid_email", "That is not an email address");
        }
        Transcripts transcripts = context.transcripts();
        // Read afresh: the connection's copy may predate a close or an assignment the transcript reports.
        context.conversations().find(conversation.id()).defaultIfEmpty(conversation).flatMap(current -> Mono
                        .justOrEmpty(frame.email() == null || frame.email().isBlank() ? null : frame.email())
                        .switchIfEmpty(transcripts.visitorEmail(current))
                        .switchIfEmpty(Mono.error(() -> new TranscriptException("invalid_email", "Which email address should it go to?")))
                        .flatMap(to -> transcripts.email(current, new Transcripts.Requester(AuthorKind.VISITOR, visitor.id()), to)))
                .subscribe(null,
                        e -> connection.emit(e instanceof TranscriptException refused
                                ? OutboundFrames.error(refused.code(), refused.getMessage(), REF, refused.retryable())
                                : OutboundFrames.error("internal_error", "The transcript could not be sent", REF, true)),
                        () -> connection.emit(OutboundFrames.transcriptSent(conversation.id())));
        return Mono.empty();
    }
}
