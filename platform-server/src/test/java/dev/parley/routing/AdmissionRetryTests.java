package dev.parley.routing;

import java.time.Duration;

import dev.parley.conversation.Conversation;
import dev.parley.conversation.ConversationStatus;
import dev.parley.conversation.Conversations;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new conversation whose admission the database failed is admitted once it answers again, so a
 * visitor nobody can serve is offered the offline form rather than a queue until the site's
 * queue timeout. The sweep, which would also route it, is kept out of the way.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = {"parley.routing.sweep-interval=1h", "parley.routing.admission-retry-backoff=3s"})
class AdmissionRetryTests {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    ApplicationContext context;

    @Autowired
    Conversations conversations;

    @Autowired
    DatabaseClient db;

    @Test
    void aConversationWhoseAdmissionFailedIsKeptForFollowUpOnceTheDatabaseAnswers() throws InterruptedException {
        Fixtures fixtures = new Fixtures(context);
        Site site = fixtures.site(fixtures.account("Acme"), "https://shop.example");

        // The site's queue settings cannot be read: the admission of the next conversation fails.
        db.sql("ALTER TABLE queue_settings RENAME TO queue_settings_away").then().block(WAIT);
        Conversation conversation;
        try {
            conversation = fixtures.conversation(site);
            // The admission runs as the conversation opens; its retry waits at least 1.5 s (3 s, jittered).
            Thread.sleep(1_000);
            assertThat(conversations.find(conversation.id()).block(WAIT).status()).isEqualTo(ConversationStatus.QUEUED);
        }
        finally {
            db.sql("ALTER TABLE queue_settings_away RENAME TO queue_settings").then().block(WAIT);
        }

        await().atMost(WAIT).until(() -> conversations.find(conversation.id()).block(WAIT).status() == ConversationStatus.PENDING);
        assertThat(conversations.find(conversation.id()).block(WAIT).pendingReason()).isEqualTo("no_agents");
    }
}
