package dev.parley.clusterbus;

/** Ends a subscription whose consumer fell further behind than its buffer allows. */
public class SlowSubscriberException extends RuntimeException {

    public SlowSubscriberException(Topic topic, int buffer) {
        super("Subscriber of " + topic.name() + " fell more than " + buffer + " events behind", null, false, false);
    }
}
