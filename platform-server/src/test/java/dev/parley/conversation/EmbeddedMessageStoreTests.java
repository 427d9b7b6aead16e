package dev.parley.conversation;

import dev.parley.testing.EmbeddedIntegrationTest;

/** The message store on the embedded H2 database, whatever the environment selects. */
@EmbeddedIntegrationTest
class EmbeddedMessageStoreTests extends MessageStoreContract {
}
