package dev.parley.conversation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

import dev.parley.clusterbus.BusReady;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ordering and idempotency of the message store; run on each database by its subclasses. */
abstract class MessageStoreContract extends ConversationsContract {

    @Test
    void twentyConcurrentSendersOfFiftyMessagesGetSeqsOneToAThousand() {
        Conversation conversation = new Fixtures(context).conversation(site);
        List<List<Long>> perSender = Collections.synchronizedList(new ArrayList<>());
        Flux.range(0, 20)
                .flatMap(sender -> Flux.range(0, 50)
                        .concatMap(i -> conversations.post(PostCommand.text(conversation.id(), "s" + sender + "-" + i,
                                Author.visitor(conversation.visitorId(), null), "message " + i)))
                        .map(posted -> posted.message().seq())
                        .collectList()
                        .doOnNext(perSender::add)
                        .subscribeOn(Schedulers.parallel()), 20)
                .then()
                .block(WAIT);

        List<Long> all = perSender.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
        assertThat(perSender).hasSize(20).allSatisfy(seqs -> assertThat(seqs).isSorted().hasSize(50));
        assertThat(storedSeqs(conversation.id())).containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
        assertThat(conversations.find(conversation.id()).block(WAIT).lastSeq()).isEqualTo(1000);
    }

    @Test
    void aGuardSeesTheStoredConversationAndARefusedPostStoresNothingEvenAsARetry() {
        Conversation conversation = new Fixtures(context).conversation(site);
        // With nobody online routing parks it, asynchronously: let it, so the row stays as it is.
        await().atMost(WAIT).until(() -> conversations.find(conversation.id()).block(WAIT).status() == ConversationStatus.PENDING);
        Author visitor = Author.visitor(conversation.visitorId(), null);
        conversations.post(PostCommand.text(conversation.id(), "first", visitor, "hello")).block(WAIT);
        List<PostGuard.Target> seen = Collections.synchronizedList(new ArrayList<>());
        PostGuard refuseAll = target -> {
            seen.add(target);
            return new IllegalStateException("not yours");
        };

        StepVerifier.create(conversations.post(new PostCommand(conversation.id(), "second", visitor, MessageKind.TEXT, "hi",
                        java.util.Map.of(), refuseAll)))
                .expectErrorMessage("not yours")
                .verify(WAIT);
        StepVerifier.create(conversations.post(new PostCommand(conversation.id(), "first", visitor, MessageKind.TEXT, "hello",
                        java.util.Map.of(), refuseAll)))
                .expectErrorMessage("not yours")
                .verify(WAIT);

        Conversation stored = conversations.find(conversation.id()).block(WAIT);
        assertThat(seen).hasSize(2).containsOnly(new PostGuard.Target(stored.accountId(), stored.status(), stored.assignedAgentId()));
        assertThat(storedSeqs(conversation.id())).containsExactly(1L);
        StepVerifier.create(conversations.post(new PostCommand(conversation.id(), "second", visitor, MessageKind.TEXT, "hi",
                        java.util.Map.of(), target -> null)).map(posted -> posted.message().seq()))
                .expectNext(2L)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void theSameClientMsgIdSentFiveTimesAtOnceStoresOneRowAndAcksOneSeq() {
        Conversation conversation = new Fixtures(context).conversation(site);
        List<Posted> acks = Flux.range(0, 5)
                .flatMap(i -> conversations.post(PostCommand.text(conversation.id(), "same-id",
                        Author.visitor(conversation.visitorId(), null), "hello")).subscribeOn(Schedulers.parallel()))
                .collectList()
                .block(WAIT);

        assertThat(acks).hasSize(5).extracting(p -> p.message().seq()).containsOnly(1L);
        assertThat(acks).filteredOn(p -> !p.duplicate()).hasSize(1);
        assertThat(storedSeqs(conversation.id())).containsExactly(1L);
    }

    @Test
    void retriesQueuedAmongNewPostsGetTheirOriginalsAndTheNewOnesTheNextSeqsInOrder() {
        Fixtures fixtures = new Fixtures(context);
        List<Conversation> three = List.of(fixtures.conversation(site), fixtures.conversation(site), fixtures.conversation(site));
        for (Conversation c : three) {
            for (int i = 1; i <= 3; i++) {
                conversations.post(PostCommand.text(c.id(), "m" + i, Author.visitor(c.visitorId(), null), "original " + i)).block(WAIT);
            }
        }
        // Submitted together from one thread: they queue while the first commits, then share batches.
        List<Mono<Posted>> posts = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            for (Conversation c : three) {
                Author visitor = Author.visitor(c.visitorId(), null);
                posts.add(conversations.post(PostCommand.text(c.id(), "n" + i, visitor, "new " + i)));
                if (i <= 3) {
                    posts.add(conversations.post(PostCommand.text(c.id(), "m" + i, visitor, "resent " + i)));
                }
            }
        }
        List<Posted> acks = Flux.mergeSequential(posts, posts.size(), 1).collectList().block(WAIT);

        assertThat(acks).hasSize(30);
        assertThat(acks).filteredOn(Posted::duplicate).hasSize(9).allSatisfy(retry -> assertThat(retry.message().body())
                .isEqualTo("original " + retry.message().clientMsgId().substring(1))
                .isEqualTo("original " + retry.message().seq()));
        for (Conversation c : three) {
            assertThat(acks).filteredOn(p -> !p.duplicate() && p.message().conversationId().equals(c.id()))
                    .extracting(p -> p.message().clientMsgId() + "@" + p.message().seq())
                    .containsExactly("n1@4", "n2@5", "n3@6", "n4@7", "n5@8", "n6@9", "n7@10");
            assertThat(storedSeqs(c.id())).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
            assertThat(conversations.find(c.id()).block(WAIT).lastSeq()).isEqualTo(10);
        }
    }

    @Test
    void aRetryAfterTheFactReturnsTheOriginalMessage() {
        Conversation conversation = new Fixtures(context).conversation(site);
        Author visitor = Author.visitor(conversation.visitorId(), "Ann");
        Posted first = conversations.post(PostCommand.text(conversation.id(), "m1", visitor, "first")).block(WAIT);
        conversations.post(PostCommand.text(conversation.id(), "m2", visitor, "second")).block(WAIT);
        Posted retry = conversations.post(PostCommand.text(conversation.id(), "m1", visitor, "first, edited")).block(WAIT);

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message()).isEqualTo(first.message());
        assertThat(retry.message().body()).isEqualTo("first");
    }

    @Test
    void aClosedConversationRefusesMessagesButRecordsTheClose() {
        Conversation conversation = new Fixtures(context).conversation(site);
        Author visitor = Author.visitor(conversation.visitorId(), null);
        conversations.post(PostCommand.text(conversation.id(), "m1", visitor, "bye")).block(WAIT);
        Conversation closed = conversations.close(conversation.id(), visitor).block(WAIT);

        assertThat(closed.status()).isEqualTo(ConversationStatus.CLOSED);
        assertThat(closed.closedAt()).isNotNull();
        StepVerifier.create(conversations.post(PostCommand.text(conversation.id(), "m2", visitor, "again")))
                .expectErrorSatisfies(e -> assertThat(((ConversationException) e).reason()).isEqualTo(ConversationException.Reason.CLOSED))
                .verify(WAIT);
        List<Message> history = conversations.history(conversation.id(), null, 50, Audience.VISITOR)
                .flatMapIterable(HistoryPage::messages).collectList().block(WAIT);
        assertThat(history).extracting(Message::seq).containsExactly(1L, 2L);
        assertThat(history.get(1).kind()).isEqualTo(MessageKind.EVENT);
        assertThat(history.get(1).meta()).containsEntry("type", "closed");
        // Closing again changes nothing.
        assertThat(conversations.close(conversation.id(), visitor).block(WAIT).lastSeq()).isEqualTo(2);
    }

    @Test
    void notesNeverReachTheVisitorsHistoryOrStream() {
        Conversation conversation = new Fixtures(context).conversation(site);
        Author agent = Author.agent("A", "Alice");
        conversations.post(PostCommand.text(conversation.id(), "t1", agent, "Hi there")).block(WAIT);
        conversations.post(new PostCommand(conversation.id(), "n1", agent, MessageKind.NOTE, "VIP customer", java.util.Map.of())).block(WAIT);
        conversations.post(PostCommand.text(conversation.id(), "t2", agent, "How can I help?")).block(WAIT);

        assertThat(conversations.history(conversation.id(), null, 50, Audience.VISITOR)
                .flatMapIterable(HistoryPage::messages).map(Message::body).collectList().block(WAIT))
                .containsExactly("Hi there", "How can I help?");
        assertThat(conversations.history(conversation.id(), null, 50, Audience.AGENT)
                .flatMapIterable(HistoryPage::messages).map(Message::body).collectList().block(WAIT))
                .containsExactly("Hi there", "VIP customer", "How can I help?");
        StepVerifier.create(conversations.stream(conversation, 0, Audience.VISITOR, 100).ofType(MessagePosted.class)
                        .map(p -> p.message().body()).take(2))
                .expectNext("Hi there", "How can I help?")
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aStreamSaysWhenItsReplayIsDoneSoTheReaderKnowsItHoldsEverythingStored() {
        Conversation conversation = new Fixtures(context).conversation(site);
        Author visitor = Author.visitor(conversation.visitorId(), null);
        conversations.post(PostCommand.text(conversation.id(), "r1", visitor, "one")).block(WAIT);
        conversations.post(PostCommand.text(conversation.id(), "r2", visitor, "two")).block(WAIT);

        StepVerifier.create(conversations.stream(conversation, 0, Audience.VISITOR, 100)
                        .filter(e -> e instanceof MessagePosted || e instanceof BusReady)
                        .map(e -> e instanceof MessagePosted p ? p.message().body() : "ready")
                        .take(3))
                .expectNext("one", "two", "ready")
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aReplayThenLiveStreamHasNoGapAndNoDuplicateEvenWhileMessagesArrive() {
        Conversation conversation = new Fixtures(context).conversation(site);
        Author visitor = Author.visitor(conversation.visitorId(), null);
        Flux.range(1, 300).concatMap(i -> conversations.post(PostCommand.text(conversation.id(), "a" + i, visitor, "m" + i)))
                .then().block(WAIT);

        Mono<List<Long>> received = conversations.stream(conversation, 100, Audience.VISITOR, 1000)
                .ofType(MessagePosted.class)
                .map(p -> p.message().seq())
                .take(400)
                .collectList();
        Flux<Posted> writer = Flux.range(301, 200).concatMap(i -> conversations.post(
                PostCommand.text(conversation.id(), "a" + i, visitor, "m" + i)));
        List<Long> seqs = Mono.zip(received, writer.then(Mono.just(true)).subscribeOn(Schedulers.parallel()))
                .map(t -> t.getT1()).block(WAIT);

        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(101, 500).boxed().toList());
    }

    @Test
    void aMessageTheBusNeverCarriedIsReadFromTheDatabaseBeforeTheNextOne() {
        Conversation conversation = new Fixtures(context).conversation(site);
        Author visitor = Author.visitor(conversation.visitorId(), null);
        conversations.post(PostCommand.text(conversation.id(), "m1", visitor, "one")).block(WAIT);

        StepVerifier.create(conversations.stream(conversation, 1, Audience.AGENT, 100).ofType(MessagePosted.class)
                        .map(p -> p.message().body()).take(2))
                .then(() -> {
                    // Committed behind the bus's back, as when Redis drops a publication.
                    db.sql("INSERT INTO messages (conversation_id, seq, client_msg_id, author_kind, kind, body, created_at)"
                                    + " VALUES (:id, 2, 'lost', 'VISITOR', 'TEXT', 'two', '2026-01-01 00:00:00')")
                            .bind("id", conversation.id()).then()
                            .then(db.sql("UPDATE conversations SET last_seq = 2 WHERE id = :id").bind("id", conversation.id()).then())
                            .block(WAIT);
                    conversations.post(PostCommand.text(conversation.id(), "m3", visitor, "three")).block(WAIT);
                })
                .expectNext("two", "three")
                .expectComplete()
                .verify(WAIT);
    }

    List<Long> storedSeqs(String conversationId) {
        return db.sql("SELECT seq FROM messages WHERE conversation_id = :id ORDER BY seq")
                .bind("id", conversationId)
                .map(row -> row.get("seq", Long.class))
                .all().collectList().block(WAIT);
    }
}
