package dev.parley.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several writer lanes committing full batches at once, into neighbouring conversations of one
 * account: rows that sit next to each other in every index on the conversations table. Under
 * MariaDB's default isolation the lanes' updates of those indexes deadlocked each other until the
 * retries ran out, and senders were told to send again.
 */
@ParleyIntegrationTest
class WriterContentionTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int CONVERSATIONS = 200;
    private static final int MESSAGES_EACH = 15;

    @Autowired
    ApplicationContext context;

    @Autowired
    Conversations conversations;

    @Test
    void aBurstIntoManyConversationsOfOneAccountStoresEveryMessageFirstTime() {
        Fixtures fixtures = new Fixtures(context);
        Site site = fixtures.site(fixtures.account("Acme"), "https://shop.example");
        List<Conversation> open = IntStream.range(0, CONVERSATIONS).mapToObj(i -> fixtures.conversation(site)).toList();
        Map<String, AtomicInteger> stored = new ConcurrentHashMap<>();
        List<String> refusals = new CopyOnWriteArrayList<>();

        Flux.range(0, MESSAGES_EACH)
                .flatMap(round -> Flux.fromIterable(open).map(c -> PostCommand.text(c.id(), "m" + round,
                        Author.visitor(c.visitorId(), null), "message " + round)))
                .flatMap(command -> conversations.post(command)
                        .doOnNext(posted -> stored.computeIfAbsent(command.conversationId(), id -> new AtomicInteger()).incrementAndGet())
                        .onErrorResume(ConversationException.class, e -> {
                            refusals.add(e.reason() + ": " + e.getMessage());
                            return Mono.empty();
                        }), CONVERSATIONS * MESSAGES_EACH)
                .then()
                .block(WAIT);

        assertThat(refusals).as("messages a sender was told to send again").isEmpty();
        assertThat(stored).hasSize(CONVERSATIONS).allSatisfy((id, count) -> assertThat(count).hasValue(MESSAGES_EACH));
        assertThat(Flux.fromIterable(open).flatMap(c -> conversations.find(c.id())).map(Conversation::lastSeq).collectList().block(WAIT))
                .containsOnly((long) MESSAGES_EACH);
    }
}
