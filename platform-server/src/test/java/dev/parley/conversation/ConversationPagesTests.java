package dev.parley.conversation;

import dev.parley.testing.ParleyIntegrationTest;

/** Conversation pages on the backend the environment selects: MariaDB in CI. */
@ParleyIntegrationTest
class ConversationPagesTests extends ConversationPagesContract {
}
