package dev.parley.conversation;

import dev.parley.testing.EmbeddedIntegrationTest;

/** Conversation pages on the embedded H2 database, whatever the environment selects. */
@EmbeddedIntegrationTest
class EmbeddedConversationPagesTests extends ConversationPagesContract {
}
