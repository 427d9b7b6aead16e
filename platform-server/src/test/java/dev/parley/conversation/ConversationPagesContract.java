package dev.parley.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import dev.parley.shared.Times;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging an account's conversations, newest activity first, on each database by its subclasses.
 * One batch commit (or routing pass) gives every conversation it touches the same activity time,
 * so a page boundary often falls among conversations of one time.
 */
abstract class ConversationPagesContract extends ConversationsContract {

    private static final int CONVERSATIONS = 5;
    private static final int PAGE = 2;

    @Test
    void pagesOfConversationsWithOneActivityTimeHoldEachOfThemOnce() {
        List<String> ids = open(CONVERSATIONS);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        db.sql("UPDATE conversations SET last_activity_at = :at WHERE account_id = :account").bind("at", Times.toDb(at))
                .bind("account", site.accountId()).then().block(WAIT);

        // Ties go by id, newest first: ids are time-ordered, upper-case Crockford base32.
        assertThat(pageThroughAll()).containsExactlyElementsOf(ids.stream().sorted(Comparator.reverseOrder()).toList());
    }

    @Test
    void pagesFollowTheNewestActivityFirst() {
        List<String> ids = open(CONVERSATIONS);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < ids.size(); i++) {
            db.sql("UPDATE conversations SET last_activity_at = :at WHERE id = :id").bind("at", Times.toDb(base.plusSeconds(i)))
                    .bind("id", ids.get(i)).then().block(WAIT);
        }

        List<String> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        assertThat(pageThroughAll()).containsExactlyElementsOf(newestFirst);
    }

    private List<String> open(int count) {
        Fixtures fixtures = new Fixtures(context);
        return IntStream.range(0, count).mapToObj(i -> fixtures.conversation(site).id()).toList();
    }

    /** Every open conversation of the site's account, a page at a time, each page continuing after the last one's last. */
    private List<String> pageThroughAll() {
        List<String> seen = new ArrayList<>();
        Conversation last = null;
        for (int page = 0; page <= CONVERSATIONS; page++) {
            List<Conversation> conversationsPage = conversations.list(new ConversationQuery(site.accountId(), ConversationQuery.View.ALL,
                    null, PAGE, last == null ? null : last.lastActivityAt(), last == null ? null : last.id())).collectList().block(WAIT);
            if (conversationsPage.isEmpty()) {
                break;
            }
            conversationsPage.forEach(c -> seen.add(c.id()));
            last = conversationsPage.get(conversationsPage.size() - 1);
        }
        return seen;
    }
}
