package dev.parley.visitorgateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import dev.parley.conversation.Author;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.PostCommand;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import dev.parley.testing.WidgetClient;
import dev.parley.testing.WidgetSessions;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the network or the server does, a resumed visitor gets every message once, in order. */
class VisitorResumeTests {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String ORIGIN = "https://shop.example";
    static final Author AGENT = Author.agent("01ARZ3NDEKTSV4RRFFQ69G5FAV", "Alice");

    @Test
    void aClientThatDropsMidStreamResumesWithEveryMissedMessageOnceAndInOrder() {
        try (ConfigurableApplicationContext node = Nodes.start(TestBackend.selected())) {
            Chat chat = chat(node);
            Conversations conversations = node.getBean(Conversations.class);
            // The agent keeps sending throughout: before the drop, while disconnected and during the replay.
            Disposable agent = Flux.range(1, 400)
                    .concatMap(i -> conversations.post(PostCommand.text(chat.id(), "agent-" + i, AGENT, "message " + i))
                            .delayElement(Duration.ofMillis(3)))
                    .subscribeOn(Schedulers.boundedElastic())
                    .subscribe();

            long lastSeq;
            List<Long> seen = new ArrayList<>();
            try (WidgetClient first = WidgetClient.connect(chat.port(), chat.siteKey(), ORIGIN)) {
                first.send(Map.of("type", "hello", "token", chat.token(), "conversationId", chat.id(), "lastSeq", 0));
                first.await("welcome", WAIT);
                while (seen.size() < 100) {
                    seen.add(first.await("message", WAIT).path("seq").asLong());
                }
                lastSeq = seen.get(seen.size() - 1);
            }
            // Dropped without a close handshake; more messages are committed meanwhile.
            sleep(300);
            List<Long> resumed = new ArrayList<>();
            try (WidgetClient second = WidgetClient.connect(chat.port(), chat.siteKey(), ORIGIN)) {
                second.send(Map.of("type", "hello", "token", chat.token(), "conversationId", chat.id(), "lastSeq", lastSeq));
                assertThat(second.await("welcome", WAIT).path("conversation").path("id").asString()).isEqualTo(chat.id());
                while (resumed.isEmpty() || resumed.get(resumed.size() - 1) < 400) {
                    resumed.add(second.await("message", WAIT).path("seq").asLong());
                }
            }
            agent.dispose();
            assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
            assertThat(resumed).containsExactlyElementsOf(LongStream.rangeClosed(lastSeq + 1, 400).boxed().toList());
        }
    }

    @Test
    void aNodeRestartLosesNothingBecauseTheDatabaseIsTheTruth() {
        var backend = TestBackend.selected();
        Chat chat;
        long lastSeq;
        try (ConfigurableApplicationContext before = Nodes.start(backend)) {
            chat = chat(before);
            Conversations conversations = before.getBean(Conversations.class);
            try (WidgetClient client = WidgetClient.connect(chat.port(), chat.siteKey(), ORIGIN)) {
                client.send(Map.of("type", "hello", "token", chat.token(), "conversationId", chat.id()));
                client.await("welcome", WAIT);
                Flux.range(1, 5).concatMap(i -> conversations.post(PostCommand.text(chat.id(), "b" + i, AGENT, "before " + i)))
                        .then().block(WAIT);
                for (int i = 1; i <= 5; i++) {
                    assertThat(client.await("message", WAIT).path("seq").asLong()).isEqualTo(i);
                }
                lastSeq = 5;
            }
            Flux.range(6, 5).concatMap(i -> conversations.post(PostCommand.text(chat.id(), "b" + i, AGENT, "unseen " + i)))
                    .then().block(WAIT);
        }
        try (ConfigurableApplicationContext after = Nodes.start(backend);
                WidgetClient client = WidgetClient.connect(port(after), chat.siteKey(), ORIGIN)) {
            client.send(Map.of("type", "hello", "token", chat.token(), "conversationId", chat.id(), "lastSeq", lastSeq));
            client.await("welcome", WAIT);
            after.getBean(Conversations.class).post(PostCommand.text(chat.id(), "c11", AGENT, "after restart")).block(WAIT);
            List<String> bodies = new ArrayList<>();
            for (int i = 6; i <= 11; i++) {
                JsonNode message = client.await("message", WAIT);
                assertThat(message.path("seq").asLong()).isEqualTo(i);
                bodies.add(message.path("body").asString());
            }
            assertThat(bodies).containsExactly("unseen 6", "unseen 7", "unseen 8", "unseen 9", "unseen 10", "after restart");
        }
    }

    @Test
    void aGapBeyondTheResumeWindowIsTruncatedAndHistoryPagingFillsItWithoutDuplicates() {
        try (ConfigurableApplicationContext node = Nodes.start(TestBackend.selected(), "parley.conversation.resume-max-messages=50")) {
            Chat chat = chat(node);
            Conversations conversations = node.getBean(Conversations.class);
            Flux.range(1, 120).concatMap(i -> conversations.post(PostCommand.text(chat.id(), "m" + i, AGENT, "m" + i))).then().block(WAIT);

            List<Long> live = new ArrayList<>();
            try (WidgetClient client = WidgetClient.connect(chat.port(), chat.siteKey(), ORIGIN)) {
                client.send(Map.of("type", "hello", "token", chat.token(), "conversationId", chat.id(), "lastSeq", 10));
                client.await("welcome", WAIT);
                // The marker must precede every message; queue notices may interleave.
                JsonNode truncated = client.nextExceptRouting(WAIT);
                assertThat(truncated.path("type").asString()).isEqualTo("truncated");
                assertThat(truncated.path("afterSeq").asLong()).isEqualTo(10);
                assertThat(truncated.path("fromSeq").asLong()).isEqualTo(71);
                while (live.size() < 50) {
                    live.add(client.await("message", WAIT).path("seq").asLong());
                }
            }
            assertThat(live).containsExactlyElementsOf(LongStream.rangeClosed(71, 120).boxed().toList());

            // The widget pages back from fromSeq to its own last seq.
            WebTestClient http = LocalHttp.to(chat.port());
            List<Long> paged = new ArrayList<>();
            Long before = 71L;
            while (before != null) {
                JsonNode page = http.get().uri("/api/v1/widget/conversations/{id}/messages?beforeSeq={b}&limit=25", chat.id(), before)
                        .header("Origin", ORIGIN).header("Authorization", "Bearer " + chat.token())
                        .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
                List<Long> seqs = new ArrayList<>();
                page.path("messages").forEach(m -> seqs.add(m.path("seq").asLong()));
                paged.addAll(0, seqs);
                before = seqs.isEmpty() || seqs.get(0) <= 11 || !page.path("hasMore").asBoolean() ? null : seqs.get(0);
            }
            assertThat(paged.stream().filter(s -> s > 10).toList())
                    .containsExactlyElementsOf(LongStream.rangeClosed(11, 70).boxed().toList());
        }
    }

    private static Chat chat(ConfigurableApplicationContext node) {
        Fixtures fixtures = new Fixtures(node);
        Site site = fixtures.site(fixtures.account("Acme"), ORIGIN);
        int port = port(node);
        WebTestClient http = LocalHttp.to(port);
        WidgetSessions.Chat chat = WidgetSessions.chat(http, port, site.siteKey(), ORIGIN);
        return new Chat(port, site.siteKey(), chat.token(), chat.conversationId());
    }

    private static int port(ConfigurableApplicationContext node) {
        return node.getEnvironment().getProperty("local.server.port", Integer.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Chat(int port, String siteKey, String token, String id) {
    }
}
