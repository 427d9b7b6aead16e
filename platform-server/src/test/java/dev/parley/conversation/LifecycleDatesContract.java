package dev.parley.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.parley.shared.Times;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lifecycle times as stored, on each database by its subclasses: consoles and widget sockets
 * order a conversation's events by them, so no change is dated before the one it follows, even
 * when that one committed after the request read its clock (simulated here by a time ahead).
 */
abstract class LifecycleDatesContract extends ConversationsContract {

    @Test
    void aCloseIsNeverDatedBeforeTheAssignmentItEnds() {
        // Routing can commit an assignment between the closing request's clock reading and its
        // update; the close must still come after it, or a console drops it as the older event.
        Conversation conversation = new Fixtures(context).conversation(site);
        Instant assigned = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.MICROS);
        db.sql("UPDATE conversations SET status = 'ASSIGNED', assigned_at = :at WHERE id = :id")
                .bind("at", Times.toDb(assigned)).bind("id", conversation.id()).then().block(WAIT);

        Conversation closed = conversations.close(conversation.id(), Author.visitor(conversation.visitorId(), null)).block(WAIT);

        assertThat(closed.closedAt()).isEqualTo(assigned);
    }

    @Test
    void aReopeningIsNeverDatedBeforeTheCloseItUndoes() {
        Conversation conversation = new Fixtures(context).conversation(site);
        // With nobody online routing parks the opened chat, asynchronously: let it first, or that
        // parking can land between the reopening and its read.
        await().atMost(WAIT).until(() -> conversations.find(conversation.id()).block(WAIT).status() == ConversationStatus.PENDING);
        Author visitor = Author.visitor(conversation.visitorId(), null);
        conversations.close(conversation.id(), visitor).block(WAIT);
        Instant closed = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.MICROS);
        db.sql("UPDATE conversations SET closed_at = :at WHERE id = :id").bind("at", Times.toDb(closed)).bind("id", conversation.id())
                .then().block(WAIT);

        Conversation reopened = conversations.reopen(conversation.id(), visitor).block(WAIT);

        assertThat(reopened.status()).isEqualTo(ConversationStatus.QUEUED);
        assertThat(reopened.queuedAt()).isEqualTo(closed);
        assertThat(reopened.closedAt()).isNull();
    }
}
