package dev.parley.clusterbus;

import java.util.List;

/** Something that happened, told to every node. Implementations are immutable past-tense records. */
public interface ClusterEvent {

    /** Where the event is published; subscribers of any of these receive it once per topic. */
    List<Topic> topics();
}
