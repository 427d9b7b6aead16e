package dev.parley.conversation;

import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The message store on the backend the environment selects: MariaDB in CI. */
@ParleyIntegrationTest
class MessageStoreTests extends MessageStoreContract {

    @Autowired
    TransactionalOperator tx;

    /**
     * On MariaDB the writer begins and ends its transactions itself, two round trips a batch. A
     * batch the database refuses after its lock (here an author name longer than its column, which
     * the gateways never let through) must leave nothing stored and no row locked: an open
     * transaction would keep the conversation from taking any message until its pooled connection
     * happened to be used again.
     */
    @Test
    void aBatchTheDatabaseRefusesStoresNothingAndLeavesItsConversationOpenToTheNext() {
        assumeTrue(TestBackend.mariaDbConfigured(), "row locks are observed with MariaDB's per-statement lock timeout");
        Conversation conversation = new Fixtures(context).conversation(site);
        Author visitor = Author.visitor(conversation.visitorId(), "Ann");

        Author tooLong = Author.visitor(conversation.visitorId(), "A".repeat(300));

        StepVerifier.create(conversations.post(PostCommand.text(conversation.id(), "big", tooLong, "refused")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ConversationException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(ConversationException.Reason.UNAVAILABLE)))
                .verify(WAIT);
        Long lastSeq = tx.transactional(db.sql("SET STATEMENT innodb_lock_wait_timeout = 1 FOR"
                        + " SELECT last_seq FROM conversations WHERE id = :id FOR UPDATE")
                .bind("id", conversation.id())
                .map(row -> row.get(0, Long.class))
                .one())
                .block(WAIT);
        Posted next = conversations.post(PostCommand.text(conversation.id(), "m1", visitor, "after")).block(WAIT);

        assertThat(lastSeq).isZero();
        assertThat(next.message().seq()).isEqualTo(1);
        assertThat(conversations.history(conversation.id(), null, 10, Audience.AGENT)
                .flatMapIterable(HistoryPage::messages).map(Message::body).collectList().block(WAIT))
                .containsExactly("after");
    }
}
