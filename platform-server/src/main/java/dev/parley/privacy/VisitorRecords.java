package dev.parley.privacy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.conversation.Author;
import dev.parley.conversation.Conversations;
import dev.parley.privacy.internal.PrivacyRepository;
import dev.parley.shared.Ids;
import dev.parley.webhook.Webhooks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything stored about one visitor: exported as one JSON document, or erased. Scoped to one
 * account: another account's visitor is not found.
 */
@Service
public class VisitorRecords {

    private final PrivacyRepository repository;
    private final Conversations conversations;
    private final Webhooks webhooks;
    private final TransactionalOperator tx;
    private final JsonMapper json;
    private final Clock clock;

    VisitorRecords(PrivacyRepository repository, Conversations conversations, Webhooks webhooks, TransactionalOperator tx,
            JsonMapper json, Clock clock) {
        this.repository = repository;
        this.conversations = conversations;
        this.webhooks = webhooks;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The export as pieces of one JSON document: {@code visitor}, {@code pageViews}, {@code bans} and
     * {@code conversations} with their {@code messages} (internal notes included: they are about the
     * visitor too). Read from the database as it is written, so its size does not matter. Empty when
     * there is no such visitor.
     */
    public Mono<Flux<String>> export(String accountId, String visitorId) {
        if (!Ids.isWellFormed(visitorId)) {
            return Mono.empty();
        }
        return repository.visitor(accountId, visitorId).map(visitor -> Flux.concat(
                Mono.just("{\"exportedAt\":" + json.writeValueAsString(clock.instant().toString())
                        + ",\"visitor\":" + json.writeValueAsString(parsed(visitor)) + ",\"pageViews\":["),
                array(repository.pageViews(visitorId).map(json::writeValueAsString)),
                Mono.just("],\"bans\":["),
                array(repository.bans(accountId, visitorId).map(json::writeValueAsString)),
                Mono.just("],\"conversations\":["),
                array(repository.conversations(accountId, visitorId).concatMap(c -> {
                    String head = json.writeValueAsString(parsed(c));
                    return Flux.concat(Mono.just(head.substring(0, head.length() - 1) + ",\"messages\":["),
                            array(repository.messages((String) c.get("id")).map(json::writeValueAsString)),
                            Mono.just("]}")).reduce(new StringBuilder(), StringBuilder::append).map(StringBuilder::toString);
                })),
                Mono.just("]}")));
    }

    /**
     * Erases the visitor and everything about them in one transaction; an open conversation is
     * closed first (by {@code by}), so consoles and routing learn it ended. Empty when there is no
     * such visitor.
     */
    public Mono<Erasure> erase(String accountId, String visitorId, Author by) {
        if (!Ids.isWellFormed(visitorId)) {
            return Mono.empty();
        }
        return repository.visitor(accountId, visitorId)
                .flatMap(found -> conversations.findOpenForVisitor(visitorId)
                        .flatMap(open -> conversations.close(open.id(), by))
                        .then(tx.transactional(Mono.defer(() -> eraseRows(accountId, visitorId)))));
    }

    private Mono<Erasure> eraseRows(String accountId, String visitorId) {
        return repository.lockConversationsOf(accountId, visitorId).flatMap(ids -> webhooks.forgetConversations(ids)
                .then(repository.deleteConversations(ids))
                .flatMap(messages -> repository.deletePageViews(visitorId).flatMap(pageViews ->
                        repository.deleteTokens(visitorId).flatMap(tokens ->
                                repository.deleteBans(accountId, visitorId).flatMap(bans ->
                                        repository.deleteVisitor(accountId, visitorId).thenReturn(
                                                new Erasure(visitorId, ids.size(), messages, pageViews, tokens, bans)))))));
    }

    private static Flux<String> array(Flux<String> items) {
        return items.index().map(t -> t.getT1() == 0 ? t.getT2() : "," + t.getT2());
    }

    /** JSON kept in TEXT columns (attributes, pre-chat answers) as JSON rather than as a string. */
    private Map<String, Object> parsed(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        for (String key : List.of("attributes", "prechat")) {
            if (copy.get(key) instanceof String text && !text.isBlank()) {
                try {
                    copy.put(key, json.readTree(text));
                }
                catch (RuntimeException e) {
                    // Not JSON after all: export it as written.
                }
            }
        }
        return copy;
    }
}
