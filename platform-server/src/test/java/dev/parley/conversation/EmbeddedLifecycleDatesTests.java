package dev.parley.conversation;

import dev.parley.testing.EmbeddedIntegrationTest;

/** Lifecycle times on the embedded H2 database, whatever the environment selects. */
@EmbeddedIntegrationTest
class EmbeddedLifecycleDatesTests extends LifecycleDatesContract {
}
