package dev.parley.storage;

import java.time.Duration;

import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.PostCommand;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** A burst of reads that takes every connection of the main pool holds no message back. */
@ParleyIntegrationTest
@TestPropertySource(properties = {"parley.db.pool-max-size=2", "parley.db.acquire-timeout=20s"})
class PriorityPoolTests {

    private static final Duration HOLD = Duration.ofSeconds(6);

    @Autowired
    ApplicationContext context;

    @Autowired
    Conversations conversations;

    @Autowired
    DatabaseClient db;

    @Test
    void aMessageIsStoredWhileReadsHoldEveryConnectionOfTheMainPool() {
        Fixtures fixtures = new Fixtures(context);
        Site site = fixtures.site(fixtures.account("Busy"), "https://busy.example");
        Conversation conversation = fixtures.conversation(site);
        Disposable first = hold();
        Disposable second = hold();
        try {
            // The main pool is full: a read waits for one of its connections.
            StepVerifier.create(conversations.find(conversation.id()))
                    .expectSubscription()
                    .expectNoEvent(Duration.ofSeconds(1))
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));

            StepVerifier.create(conversations.post(PostCommand.text(conversation.id(), "busy-1",
                            Author.visitor(conversation.visitorId(), null), "Still there?")))
                    .assertNext(posted -> assertThat(posted.message().seq()).isEqualTo(1))
                    .expectComplete()
                    .verify(Duration.ofSeconds(3));
        }
        finally {
            first.dispose();
            second.dispose();
        }
    }

    /** Takes one connection of the main pool and keeps it for {@link #HOLD}, as a slow read would. */
    private Disposable hold() {
        return db.inConnection(connection -> Mono.delay(HOLD)).subscribe();
    }
}
