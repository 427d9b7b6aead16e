package dev.parley.conversation;

import dev.parley.testing.ParleyIntegrationTest;

/** The message store on the backend the environment selects: MariaDB in CI. */
@ParleyIntegrationTest
class MessageStoreTests extends MessageStoreContract {
}
