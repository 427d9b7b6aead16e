package dev.parley.conversation.internal;

import dev.parley.conversation.Message;
import dev.parley.conversation.PostCommand;

/** What one batch did with one post. */
sealed interface Outcome {

    PostCommand command();

    /** Newly committed. */
    record Stored(PostCommand command, String accountId, Message message) implements Outcome {
    }

    /** An earlier post with the same client message id had stored {@code message}. */
    record Duplicate(PostCommand command, Message message) implements Outcome {
    }

    record Refused(PostCommand command, RuntimeException error) implements Outcome {
    }
}
