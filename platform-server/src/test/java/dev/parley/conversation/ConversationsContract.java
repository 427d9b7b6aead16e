package dev.parley.conversation;

import java.time.Duration;

import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/** What the conversation store's contracts share: the facade, the database, and a fresh site per test. */
abstract class ConversationsContract {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ApplicationContext context;

    @Autowired
    Conversations conversations;

    @Autowired
    DatabaseClient db;

    Site site;

    @BeforeEach
    void site() {
        Fixtures fixtures = new Fixtures(context);
        site = fixtures.site(fixtures.account("Acme"), "https://shop.example");
    }
}
