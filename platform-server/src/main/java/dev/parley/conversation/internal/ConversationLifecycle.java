package dev.parley.conversation.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationClosed;
import dev.parley.conversation.ConversationException;
import dev.parley.conversation.ConversationException.Reason;
import dev.parley.conversation.ConversationOpened;
import dev.parley.conversation.ConversationReopened;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.MessageKind;
import dev.parley.conversation.OpenCommand;
import dev.parley.conversation.PostCommand;
import dev.parley.conversation.Posted;
import dev.parley.shared.Ids;
import org.springframework.dao.DataIntegrityViolationException;
import reactor.core.publisher.Mono;

/**
 * Opening, closing and reopening conversations, and giving them to another visitor: the changes
 * bound by a visitor having at most one open conversation, whose unique key decides every race
 * between them, on one node or several. An open, close or reopen that took effect is published;
 * a close or reopen also leaves a system event in the transcript. The contracts are stated on
 * {@link dev.parley.conversation.Conversations}, the module's facade.
 */
public final class ConversationLifecycle {

    private final ConversationRepository repository;
    private final MessageWriter writer;
    private final ClusterBus bus;
    private final Clock clock;

    ConversationLifecycle(ConversationRepository repository, MessageWriter writer, ClusterBus bus, Clock clock) {
        this.repository = repository;
        this.writer = writer;
        this.bus = bus;
        this.clock = clock;
    }

    public Mono<Conversation> open(OpenCommand command) {
        return Mono.defer(() -> {
            var now = clock.instant();
            Conversation conversation = new Conversation(Ids.next(clock), command.accountId(), command.siteId(),
                    command.visitorId(), command.teamId(), ConversationStatus.QUEUED, null, now, now, null, null, null,
                    now, 0, 0, 0, command.prechat(), null, null);
            // Inserted without looking first: a visitor starts a chat when they have none open, and a
            // burst of starts should not pay a read each. The unique key on the open visitor refuses
            // a second one (another tab, another node, a repeated start): that one is returned.
            return repository.insert(conversation)
                    .then(bus.publish(new ConversationOpened(conversation)))
                    .thenReturn(conversation)
                    .onErrorResume(DataIntegrityViolationException.class, open -> repository.findOpenForVisitor(command.visitorId())
                            .flatMap(existing -> withAnswers(existing, command.prechat())));
        });
    }

    private Mono<Conversation> withAnswers(Conversation open, Map<String, String> answers) {
        if (answers == null || answers.isEmpty() || open.prechat().entrySet().containsAll(answers.entrySet())) {
            return Mono.just(open);
        }
        Map<String, String> merged = new LinkedHashMap<>(open.prechat());
        merged.putAll(answers);
        return repository.updatePrechat(open.id(), merged).then(repository.find(open.id()));
    }

    public Mono<Conversation> close(String conversationId, Author by) {
        return require(conversationId).flatMap(before -> repository.close(conversationId, clock.instant()).flatMap(changed -> {
            if (changed == 0) {
                return require(conversationId);
            }
            return systemEvent(conversationId, "closed", by)
                    .then(require(conversationId))
                    .flatMap(after -> bus.publish(new ConversationClosed(after.accountId(), after.siteId(), after.id(),
                            before.assignedAgentId(), by, after.closedAt())).thenReturn(after));
        }));
    }

    public Mono<Conversation> reopen(String conversationId, Author by) {
        return require(conversationId).flatMap(before -> repository.reopen(conversationId, clock.instant())
                .onErrorMap(DataIntegrityViolationException.class,
                        e -> new ConversationException(Reason.CONFLICT, "The visitor has another open conversation"))
                .flatMap(changed -> changed == 0 ? Mono.just(before)
                        : systemEvent(conversationId, "reopened", by)
                                .then(require(conversationId))
                                .flatMap(after -> bus.publish(new ConversationReopened(after, by)).thenReturn(after))));
    }

    public Mono<Void> moveVisitor(String fromVisitorId, String toVisitorId) {
        return repository.moveClosed(fromVisitorId, toVisitorId)
                .then(repository.findOpenForVisitor(toVisitorId).hasElement())
                .flatMap(hasOpen -> hasOpen ? Mono.empty() : repository.moveOpen(fromVisitorId, toVisitorId)
                        .onErrorResume(DataIntegrityViolationException.class, race -> Mono.just(0L)))
                .then();
    }

    private Mono<Conversation> require(String conversationId) {
        return repository.findWellFormed(conversationId)
                .switchIfEmpty(Mono.error(new ConversationException(Reason.NOT_FOUND, "No such conversation")));
    }

    private Mono<Posted> systemEvent(String conversationId, String type, Author by) {
        Map<String, String> meta = by.id() == null ? Map.of("type", type, "byKind", by.kind().name())
                : Map.of("type", type, "byKind", by.kind().name(), "byId", by.id());
        String body = "Conversation " + type + (by.name() == null ? "" : " by " + by.name());
        return writer.submit(new PostCommand(conversationId, "sys-" + Ids.next(clock), Author.SYSTEM, MessageKind.EVENT, body, meta));
    }
}
