package dev.parley.routing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.parley.routing.QueueSettings;
import dev.parley.routing.RoutingPolicy;

/**
 * Matches queued conversations with available agents: oldest conversation first, each to the best
 * agent its site's policy names among those eligible (in the conversation's team, below capacity).
 * An older conversation is only passed over when no eligible agent has room for it. Pure: no I/O.
 */
final class Pairing {

    private Pairing() {
    }

    record Match(Waiting conversation, Candidate agent, Instant assignedAt) {
    }

    static List<Match> pair(List<Waiting> queue, List<Candidate> agents, Map<String, Integer> loads,
            Function<String, QueueSettings> settings, Instant now) {
        Map<String, Integer> load = new HashMap<>(loads);
        Map<String, Instant> lastAssigned = new HashMap<>();
        agents.forEach(a -> lastAssigned.put(a.id(), a.lastAssignedAt()));
        List<Match> matches = new ArrayList<>();
        Instant at = now;
        for (Waiting conversation : queue) {
            QueueSettings site = settings.apply(conversation.siteId());
            if (site.policy() == RoutingPolicy.MANUAL) {
                continue;
            }
            String team = conversation.teamId() != null ? conversation.teamId() : site.teamId();
            List<Candidate> eligible = agents.stream()
                    .filter(a -> team == null || a.teams().contains(team))
                    .filter(a -> load.getOrDefault(a.id(), 0) < a.capacity(site.maxChatsPerAgent()))
                    .toList();
            if (eligible.size() > 1 && conversation.passedAgentId() != null) {
                // The agent who let it time out goes last, if anyone else can take it.
                eligible = eligible.stream().filter(a -> !a.id().equals(conversation.passedAgentId())).toList();
            }
            Candidate chosen = eligible.stream().min(order(site.policy(), load, lastAssigned)).orElse(null);
            if (chosen == null) {
                continue;
            }
            // A chat committed after this pass read the clock was queued after that reading: its
            // assignment is not dated before it, so its events keep their order (a console and a
            // widget drop an event older than one they showed) and no wait comes out negative.
            if (conversation.queuedAt() != null && conversation.queuedAt().isAfter(at)) {
                at = conversation.queuedAt();
            }
            matches.add(new Match(conversation, chosen, at));
            load.merge(chosen.id(), 1, Integer::sum);
            lastAssigned.put(chosen.id(), at);
            // Distinct instants keep the rotation strict within one batch.
            at = at.plusNanos(1_000);
        }
        return matches;
    }

    private static Comparator<Candidate> order(RoutingPolicy policy, Map<String, Integer> load, Map<String, Instant> lastAssigned) {
        Comparator<Candidate> longestWaiting = Comparator.comparing((Candidate a) -> lastAssigned.get(a.id()),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Candidate::id);
        if (policy == RoutingPolicy.LEAST_BUSY) {
            return Comparator.comparing((Candidate a) -> load.getOrDefault(a.id(), 0)).thenComparing(longestWaiting);
        }
        return longestWaiting;
    }
}
