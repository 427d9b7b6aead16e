package dev.parley.conversation;

import dev.parley.testing.ParleyIntegrationTest;

/** Lifecycle times on the backend the environment selects: MariaDB in CI. */
@ParleyIntegrationTest
class LifecycleDatesTests extends LifecycleDatesContract {
}
