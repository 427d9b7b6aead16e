package dev.parley.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes writing to one database: the database, not a node's memory, orders and deduplicates. */
class TwoNodeMessageStoreTests {

    static final Duration WAIT = Duration.ofSeconds(60);

    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void start() {
        Map<String, Object> backend = TestBackend.selected();
        nodeA = Nodes.start(backend);
        nodeB = Nodes.start(backend);
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void sendersOnTwoNodesShareOneGaplessSequence() {
        Conversation conversation = conversation();
        Flux.range(0, 10)
                .flatMap(sender -> {
                    Conversations node = (sender % 2 == 0 ? nodeA : nodeB).getBean(Conversations.class);
                    return Flux.range(0, 40).concatMap(i -> node.post(PostCommand.text(conversation.id(), sender + "-" + i,
                            Author.visitor(conversation.visitorId(), null), "m"))).subscribeOn(Schedulers.parallel());
                }, 10)
                .then().block(WAIT);

        List<Long> seqs = nodeA.getBean(Conversations.class).history(conversation.id(), null, 100, Audience.AGENT)
                .flatMapIterable(HistoryPage::messages)
                .map(Message::seq).collectList().block(WAIT);
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(301, 400).boxed().toList());
        assertThat(nodeB.getBean(Conversations.class).find(conversation.id()).block(WAIT).lastSeq()).isEqualTo(400);
    }

    @Test
    void oneClientMsgIdRetriedThroughBothNodesAtOnceStoresOneRow() {
        for (int round = 0; round < 10; round++) {
            Conversation conversation = conversation();
            List<Posted> acks = Flux.range(0, 6)
                    .flatMap(i -> (i % 2 == 0 ? nodeA : nodeB).getBean(Conversations.class)
                            .post(PostCommand.text(conversation.id(), "retry-me", Author.visitor(conversation.visitorId(), null), "hi"))
                            .subscribeOn(Schedulers.parallel()))
                    .collectList().block(WAIT);

            assertThat(acks).extracting(p -> p.message().seq()).containsOnly(1L);
            assertThat(acks).filteredOn(p -> !p.duplicate()).hasSize(1);
            assertThat(nodeA.getBean(Conversations.class).history(conversation.id(), null, 10, Audience.AGENT)
                    .flatMapIterable(HistoryPage::messages).count().block(WAIT))
                    .isEqualTo(1);
        }
    }

    private static Conversation conversation() {
        Fixtures fixtures = new Fixtures(nodeA);
        Site site = fixtures.site(fixtures.account("Acme"), "https://shop.example");
        return fixtures.conversation(site);
    }
}
